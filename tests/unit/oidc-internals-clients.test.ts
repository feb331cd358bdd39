import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheClientInstances, checkClientSecrets, type SecretVerdict } from "../../lib/oidc/internals";
import { type MemoryProvider, startMemoryProvider } from "./support/memory-provider";

/**
 * The client overrides in lib/oidc/internals against a real oidc-provider in memory: secrets are
 * checked by Latchkey's own function, where the secret travels is enforced per app, and client
 * instances are reused while their record is. Each test fails if oidc-provider stops calling
 * what the override replaces.
 */
const SECRET = "the-right-secret";
const checks: { clientId: string; presented: string }[] = [];
const verdicts = new Map<string, SecretVerdict>();
const records = new Map<string, object>();
let mp: MemoryProvider;

function confidential(clientId: string, method: "client_secret_basic" | "client_secret_post") {
  return {
    client_id: clientId,
    client_secret: "a stand-in, never compared",
    token_endpoint_auth_method: method,
    grant_types: ["client_credentials"],
    response_types: [],
    redirect_uris: [],
  };
}

beforeAll(async () => {
  mp = await startMemoryProvider({}, (provider, clients) => {
    clients.set("basic-app", confidential("basic-app", "client_secret_basic"));
    clients.set("post-app", confidential("post-app", "client_secret_post"));
    clients.set("expired-app", confidential("expired-app", "client_secret_basic"));
    clients.set("public-app", {
      client_id: "public-app",
      token_endpoint_auth_method: "none",
      redirect_uris: ["http://127.0.0.1/cb"],
    });
    for (const id of clients.keys()) records.set(id, {});
    verdicts.set("expired-app", "expired");
    checkClientSecrets(provider, (clientId, presented) => {
      checks.push({ clientId, presented });
      return verdicts.get(clientId) ?? (presented === SECRET ? "ok" : "invalid");
    });
    cacheClientInstances(provider, (clientId) => records.get(clientId));
  });
});
afterAll(() => mp?.close());

const basic = (clientId: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64")}`;

async function token(form: Record<string, string>, authorization?: string) {
  const response = await fetch(`${mp.url}/oidc/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(authorization ? { authorization } : {}) },
    body: new URLSearchParams({ grant_type: "client_credentials", ...form }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe("client secrets (Client.prototype.compareClientSecret)", () => {
  it("are checked by Latchkey's function, with the client ID and the secret as presented", async () => {
    checks.length = 0;
    const answer = await token({}, basic("basic-app", SECRET));
    expect(answer.status).toBe(200);
    expect(answer.body.access_token).toBeTruthy();
    expect(checks).toEqual([{ clientId: "basic-app", presented: SECRET }]);
    expect((await token({}, basic("basic-app", "wrong"))).body.error).toBe("invalid_client");
  });

  it("refuse an expired secret saying so", async () => {
    const answer = await token({}, basic("expired-app", SECRET));
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: "invalid_client" });
    expect(answer.body.error_description).toMatch(/expired/);
  });
});

describe("the token endpoint auth method is enforced as registered", () => {
  it("client_secret_basic: the header works, the same secret in the body is refused", async () => {
    expect((await token({}, basic("basic-app", SECRET))).status).toBe(200);
    const inBody = await token({ client_id: "basic-app", client_secret: SECRET });
    expect(inBody.status).toBe(401);
    expect(inBody.body.error).toBe("invalid_client");
    expect(inBody.body.error_description).toMatch(/client_secret_basic/);
  });

  it("client_secret_post: the body works, the same secret in the header is refused", async () => {
    expect((await token({ client_id: "post-app", client_secret: SECRET })).status).toBe(200);
    const inHeader = await token({}, basic("post-app", SECRET));
    expect(inHeader.status).toBe(401);
    expect(inHeader.body.error).toBe("invalid_client");
    expect(inHeader.body.error_description).toMatch(/client_secret_post/);
  });

  it("none: a public app authenticates with its client ID alone, and a secret is refused", async () => {
    const revoke = (form: Record<string, string>, authorization?: string) =>
      fetch(`${mp.url}/oidc/token/revocation`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...(authorization ? { authorization } : {}) },
        body: new URLSearchParams({ token: "not-a-token", ...form }),
      });
    expect((await revoke({ client_id: "public-app" })).status).toBe(200);
    expect((await revoke({ client_id: "public-app", client_secret: SECRET })).status).toBe(401);
    expect((await revoke({}, basic("public-app", SECRET))).status).toBe(401);
  });
});

describe("client instances (Client.find)", () => {
  it("are built once per record: oidc-provider's own lookup runs again only when the record changes", async () => {
    await token({}, basic("basic-app", SECRET));
    const before = mp.clientLookups();
    await token({}, basic("basic-app", SECRET));
    await token({}, basic("basic-app", SECRET));
    expect(mp.clientLookups()).toBe(before);

    records.set("basic-app", {});
    await token({}, basic("basic-app", SECRET));
    expect(mp.clientLookups()).toBe(before + 1);
  });
});
