import { generateKeyPairSync } from "node:crypto";
import Provider, { type ClientMetadata } from "oidc-provider";
import { describe, expect, it } from "vitest";
import { defaultSettings } from "../../lib/applications/settings-rows";
import { toMetadata } from "../../lib/oidc/client-store";
import { updateApplicationSchema } from "../../lib/validation/application";
import { clientKeyIssues, jwksSchema, jwksUriSchema } from "../../lib/validation/jwks";

/** A public key as a service would publish it, and the private one it keeps. */
function keyPair(type: "rsa" | "ec" | "ed25519") {
  const { publicKey, privateKey } =
    type === "rsa"
      ? generateKeyPairSync("rsa", { modulusLength: 2048 })
      : type === "ec"
        ? generateKeyPairSync("ec", { namedCurve: "P-256" })
        : generateKeyPairSync("ed25519");
  return { publicJwk: publicKey.export({ format: "jwk" }), privateJwk: privateKey.export({ format: "jwk" }) };
}

const issuesOf = (value: unknown) =>
  jwksSchema.safeParse(value).error?.issues.map((issue) => [issue.path.join("."), issue.message]) ?? [];

describe("an inline key set (jwks)", () => {
  it("takes public RSA, P-256 and Ed25519 signing keys, with or without kid, use and alg", () => {
    const rsa = keyPair("rsa").publicJwk;
    const ec = keyPair("ec").publicJwk;
    const ed = keyPair("ed25519").publicJwk;
    expect(
      issuesOf({
        keys: [
          { ...rsa, kid: "r1", use: "sig", alg: "PS256" },
          { ...ec, alg: "ES256" },
          { ...ed, kid: "e" },
        ],
      }),
    ).toEqual([]);
    expect(jwksSchema.parse(null)).toBeNull();
  });

  it("refuses each private key member by name", () => {
    const { privateJwk } = keyPair("rsa");
    const found = issuesOf({ keys: [privateJwk] });
    expect(found).toEqual(["d", "p", "q", "dp", "dq", "qi"].map((member) => [`keys.0.${member}`, "jwkPrivateMember"]));
    expect(issuesOf({ keys: [{ ...keyPair("ed25519").privateJwk }] })).toEqual([["keys.0.d", "jwkPrivateMember"]]);
    // A symmetric key is no public key at all.
    expect(issuesOf({ keys: [{ kty: "oct", k: "c2VjcmV0" }] })).toEqual([["keys.0.kty", "jwkKtyUnknown"]]);
  });

  it("refuses a repeated kid, a key for encryption, an algorithm that does not fit, a short RSA key", () => {
    const ec = keyPair("ec").publicJwk;
    expect(
      issuesOf({
        keys: [
          { ...ec, kid: "a" },
          { ...ec, kid: "a" },
        ],
      }),
    ).toEqual([["keys.1.kid", "jwkKidRepeated"]]);
    expect(issuesOf({ keys: [{ ...ec, use: "enc" }] })).toEqual([["keys.0.use", "jwkUseSig"]]);
    expect(issuesOf({ keys: [{ ...ec, alg: "RS256" }] })).toEqual([["keys.0.alg", "jwkAlgKeyMismatch"]]);
    expect(issuesOf({ keys: [{ ...ec, alg: "HS256" }] })).toEqual([["keys.0.alg", "jwkAlgUnknown"]]);
    expect(issuesOf({ keys: [{ ...ec, crv: "P-384" }] })).toEqual([["keys.0.crv", "jwkCurveUnsupported"]]);
    const short = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "jwk" });
    expect(issuesOf({ keys: [short] })).toEqual([["keys.0.n", "jwkRsaTooShort"]]);
    expect(issuesOf({ keys: [] })).toEqual([["keys", "jwksKeysRequired"]]);
    expect(issuesOf({ keys: [{ kty: "RSA", e: "AQAB" }] })).toEqual([["keys.0.n", "jwkMemberMissing"]]);
    expect(issuesOf("a string")).toEqual([["", "jwksInvalid"]]);
  });
});

describe("a JWKS URI", () => {
  it("is https only (http refused even on loopback), and empty means none", () => {
    const message = (value: string) => jwksUriSchema.safeParse(value).error?.issues[0]?.message;
    expect(message("https://keys.example.com/jwks.json")).toBeUndefined();
    expect(message("")).toBeUndefined();
    expect(message("http://127.0.0.1/jwks.json")).toBe("jwksUriHttps");
    expect(message("http://keys.example.com/jwks.json")).toBe("jwksUriHttps");
    expect(message("keys.example.com")).toBe("urlNotAbsolute");
  });

  it("is a setting only apps with a secret have", () => {
    const issues = updateApplicationSchema("spa").safeParse({ jwksUri: "https://keys.example.com/jwks.json" }).error;
    expect(issues?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["jwksUri", "confidentialOnly"],
    ]);
  });
});

describe("the key rule between the settings", () => {
  const jwks = { keys: [keyPair("ed25519").publicJwk as Record<string, unknown>] };
  const fields = (settings: Parameters<typeof clientKeyIssues>[0]) =>
    clientKeyIssues(settings).map((issue) => [issue.path.join("."), issue.message]);

  it("private_key_jwt needs exactly one of jwks and jwksUri; no app keeps both", () => {
    const method = "private_key_jwt";
    expect(fields({ tokenEndpointAuthMethod: method, jwks, jwksUri: "" })).toEqual([]);
    expect(fields({ tokenEndpointAuthMethod: method, jwks: null, jwksUri: "https://k.example.com" })).toEqual([]);
    expect(fields({ tokenEndpointAuthMethod: method, jwks: null, jwksUri: "" })).toEqual([
      ["jwks", "jwksRequired"],
      ["jwksUri", "jwksRequired"],
    ]);
    expect(fields({ tokenEndpointAuthMethod: "client_secret_basic", jwks, jwksUri: "https://k.example.com" })).toEqual([
      ["jwks", "jwksBoth"],
      ["jwksUri", "jwksBoth"],
    ]);
    expect(fields({ tokenEndpointAuthMethod: "client_secret_basic", jwks: null, jwksUri: "" })).toEqual([]);
  });

  it("gives oidc-provider the keys only while the app authenticates with them, in metadata it accepts", async () => {
    const inline = { ...defaultSettings, name: "Nightly job", tokenEndpointAuthMethod: "private_key_jwt", jwks };
    const byUri = {
      ...defaultSettings,
      name: "Wiki",
      redirectUris: ["https://wiki.example.com/callback"],
      tokenEndpointAuthMethod: "private_key_jwt",
      jwksUri: "https://k.example.com/j",
    };
    const parked = { ...inline, tokenEndpointAuthMethod: "client_secret_basic" };
    const clients = [
      toMetadata("inline", "m2m", inline),
      toMetadata("by-uri", "traditional", byUri),
      toMetadata("parked", "m2m", parked),
    ];
    expect(clients[2]).not.toHaveProperty("jwks");
    const provider = new Provider("http://localhost:3000/oidc", {
      clients: clients as ClientMetadata[],
      clientAuthMethods: ["client_secret_basic", "private_key_jwt"],
      features: { clientCredentials: { enabled: true } },
    });
    const seen = async (id: string) => (await provider.Client.find(id))?.metadata() as Record<string, unknown>;
    expect(await seen("inline")).toMatchObject({ token_endpoint_auth_method: "private_key_jwt", jwks });
    expect(await seen("by-uri")).toMatchObject({ jwks_uri: "https://k.example.com/j" });
    expect(await seen("parked")).toMatchObject({ token_endpoint_auth_method: "client_secret_basic" });
  });
});
