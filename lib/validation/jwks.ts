import { z } from "zod";
import { urlCharacterProblem } from "./uri";

/**
 * The keys an app signs its client assertions with (private_key_jwt, RFC 7523): a JSON Web Key
 * Set of public keys, inline or at an https address. Only what Latchkey can verify is accepted,
 * so a key set that saves is a key set that works.
 */

/** The signing algorithms a client assertion may use (discovery's token_endpoint_auth_signing_alg_values_supported). */
export const clientAssertionAlgs = ["RS256", "PS256", "ES256", "EdDSA"] as const;

/** Members only a private (or symmetric) key has: a set holding one would hand out the app's secret. */
const privateMembers = ["d", "p", "q", "dp", "dq", "qi", "k"] as const;

/** What each key type needs, and the algorithms it can sign with. */
const keyTypes = {
  RSA: { members: ["n", "e"], curves: undefined, algs: ["RS256", "PS256"] },
  EC: { members: ["crv", "x", "y"], curves: ["P-256"], algs: ["ES256"] },
  OKP: { members: ["crv", "x"], curves: ["Ed25519"], algs: ["EdDSA"] },
} as const;

/** 2048 bits of modulus, as base64url without padding. */
const MIN_RSA_MODULUS_CHARS = Math.ceil((2048 / 8) * (4 / 3));
const base64url = /^[A-Za-z0-9_-]+$/;

const jwk = z
  .looseObject({
    kty: z.enum(Object.keys(keyTypes) as (keyof typeof keyTypes)[], "jwkKtyUnknown"),
    kid: z.string("jwkKidInvalid").min(1, "jwkKidInvalid").max(256, "jwkKidInvalid").optional(),
    use: z.literal("sig", "jwkUseSig").optional(),
    alg: z.enum(clientAssertionAlgs, "jwkAlgUnknown").optional(),
  })
  .superRefine((key, ctx) => {
    for (const member of privateMembers)
      if (member in key) ctx.addIssue({ code: "custom", path: [member], message: "jwkPrivateMember" });
    const rules = keyTypes[key.kty];
    for (const member of rules.members) {
      const value = key[member];
      if (typeof value !== "string" || (member !== "crv" && !base64url.test(value)))
        ctx.addIssue({ code: "custom", path: [member], message: "jwkMemberMissing" });
    }
    if (rules.curves && !(rules.curves as readonly unknown[]).includes(key.crv))
      ctx.addIssue({ code: "custom", path: ["crv"], message: "jwkCurveUnsupported" });
    if (key.kty === "RSA" && typeof key.n === "string" && key.n.length < MIN_RSA_MODULUS_CHARS)
      ctx.addIssue({ code: "custom", path: ["n"], message: "jwkRsaTooShort" });
    if (key.alg && !(rules.algs as readonly string[]).includes(key.alg))
      ctx.addIssue({ code: "custom", path: ["alg"], message: "jwkAlgKeyMismatch" });
  });

/** An inline key set: one to ten public signing keys, no kid given twice; null is none. */
export const jwksSchema = z
  .object(
    { keys: z.array(jwk, "jwksKeysRequired").min(1, "jwksKeysRequired").max(10, "jwksTooManyKeys") },
    "jwksInvalid",
  )
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.keys.forEach((key, index) => {
      if (key.kid === undefined) return;
      if (seen.has(key.kid)) ctx.addIssue({ code: "custom", path: ["keys", index, "kid"], message: "jwkKidRepeated" });
      seen.add(key.kid);
    });
  })
  .nullable();

export type Jwks = { keys: Record<string, unknown>[] };

/**
 * Where the app publishes its key set: https only (the keys decide who the app is, so they must
 * come over an authenticated channel); empty for none. Private addresses are refused when the
 * set is fetched, not here (see lib/oidc/jwks-fetch.ts).
 */
export const jwksUriSchema = z
  .string()
  .max(2048, "tooLong2048")
  .superRefine((value, ctx) => {
    if (value === "") return;
    const raw = urlCharacterProblem(value);
    if (raw) return ctx.addIssue({ code: "custom", message: raw });
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return ctx.addIssue({ code: "custom", message: "urlNotAbsolute" });
    }
    if (url.protocol !== "https:") return ctx.addIssue({ code: "custom", message: "jwksUriHttps" });
    if (url.hash || value.includes("#")) ctx.addIssue({ code: "custom", message: "uriFragment" });
  });

type KeySettings = { tokenEndpointAuthMethod: string; jwks: Jwks | null; jwksUri: string };

/**
 * The rule between three settings, checked on the app as it would be after a change: an app
 * set to private_key_jwt registers its keys exactly one way, inline or by address, and no app
 * keeps both. Each issue names the field to fix.
 */
export function clientKeyIssues(settings: KeySettings): z.core.$ZodIssue[] {
  const inline = settings.jwks !== null;
  const byUri = settings.jwksUri !== "";
  const issue = (field: "jwks" | "jwksUri", message: string) => ({
    code: "custom" as const,
    path: [field],
    message,
    input: settings[field],
  });
  if (inline && byUri) return [issue("jwks", "jwksBoth"), issue("jwksUri", "jwksBoth")];
  if (settings.tokenEndpointAuthMethod === "private_key_jwt" && !inline && !byUri)
    return [issue("jwks", "jwksRequired"), issue("jwksUri", "jwksRequired")];
  return [];
}

/**
 * Refuses (a 400 naming the fields) an app whose settings break the key rule. Called on the app
 * as written, inside the write's transaction, so a refused change leaves nothing behind.
 */
export function assertClientKeys(settings: KeySettings, path: (string | number)[] = []) {
  const issues = clientKeyIssues(settings);
  if (issues.length > 0) throw new z.ZodError(issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] })));
}
