import { createHash, generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Adapter, type AdapterPayload, type Configuration } from "oidc-provider";
import { currentRoute } from "../../../lib/oidc/internals";

/**
 * An oidc-provider instance with nothing behind it but memory: no database, no Latchkey server.
 * Its adapter keeps everything in a Map and notes the calls the internals rely on (client
 * lookups, and the route each grant revocation happened on). It is served by an in-process
 * HTTP listener on a free loopback port, so the tests speak to oidc-provider exactly as apps do.
 */
export type MemoryProvider = {
  provider: Provider;
  url: string;
  /** Client metadata by client ID; each write is a new object (as a changed client is). */
  clients: Map<string, AdapterPayload>;
  /** How often the adapter was asked for a client. */
  clientLookups: () => number;
  /** The oidc-provider route each revokeByGrantId ran on, in order. */
  grantRevocations: { model: string; route: string | undefined }[];
  /** The last logout form oidc-provider handed to logoutSource. */
  logoutForms: string[];
  close(): Promise<void>;
};

export const ACCOUNT_ID = "user-1";

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: "jwk" }), kid: "test", alg: "RS256", use: "sig" };

/** `extra` is added to the configuration; its `features` are added to the ones above. */
export async function startMemoryProvider(
  extra: Partial<Configuration> = {},
  setup: (provider: Provider, clients: Map<string, AdapterPayload>) => void = () => {},
): Promise<MemoryProvider> {
  const store = new Map<string, AdapterPayload>();
  const clients = new Map<string, AdapterPayload>();
  const grantRevocations: MemoryProvider["grantRevocations"] = [];
  const logoutForms: string[] = [];
  let lookups = 0;

  class MapAdapter implements Adapter {
    constructor(private readonly model: string) {}
    private key(id: string) {
      return `${this.model}:${id}`;
    }
    async upsert(id: string, payload: AdapterPayload) {
      store.set(this.key(id), { ...payload });
    }
    async find(id: string) {
      if (this.model === "Client") {
        lookups++;
        return clients.get(id);
      }
      return store.get(this.key(id));
    }
    async findByUid(uid: string) {
      return [...store.entries()].find(([key, value]) => key.startsWith(`${this.model}:`) && value.uid === uid)?.[1];
    }
    async findByUserCode(userCode: string) {
      return [...store.entries()].find(
        ([key, value]) => key.startsWith(`${this.model}:`) && value.userCode === userCode,
      )?.[1];
    }
    async consume(id: string) {
      const payload = store.get(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      store.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      grantRevocations.push({ model: this.model, route: currentRoute() });
      for (const [key, value] of store)
        if (key.startsWith(`${this.model}:`) && value.grantId === grantId) store.delete(key);
    }
  }

  // The issuer names the port, so the listener comes first and the provider behind it after.
  let handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> = async () => {};
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const { features: _features, ...withoutFeatures } = extra;
  const provider = new Provider(`${url}/oidc`, {
    adapter: MapAdapter,
    jwks: { keys: [signingKey] },
    cookies: { keys: ["a cookie key for tests only"] },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    responseTypes: ["code"],
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      ClientCredentials: 600,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    clientAuthMethods: ["client_secret_basic", "client_secret_post", "none"],
    features: <NonNullable<Configuration["features"]>>{
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          logoutForms.push(form);
          ctx.body = form;
        },
      },
      ...extra.features,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ...withoutFeatures,
  });
  setup(provider, clients);
  const callback = provider.callback();

  /** Signs the user in and consents to what was asked, in one step. */
  async function interaction(req: IncomingMessage, res: ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    const grant = new provider.Grant({ accountId: ACCOUNT_ID, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId: ACCOUNT_ID }, consent: { grantId } });
  }
  // Mounted under /oidc as Latchkey mounts it (lib/server/app.ts).
  handle = async (req, res) => {
    const path = req.url ?? "/";
    if (path.startsWith("/interaction/")) return interaction(req, res);
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = path;
    req.url = path.slice("/oidc".length) || "/";
    await callback(req, res);
  };

  return {
    provider,
    url,
    clients,
    clientLookups: () => lookups,
    grantRevocations,
    logoutForms,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Cookies as a browser keeps them for one site: name=value, the newest value winning. */
export class CookieJar {
  private readonly values = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      this.values.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  header() {
    return [...this.values].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** One browser request: cookies sent and kept, redirects not followed. */
export async function browse(jar: CookieJar, url: string, init: RequestInit = {}) {
  const response = await fetch(url, {
    ...init,
    redirect: "manual",
    headers: { ...init.headers, cookie: jar.header() },
  });
  jar.take(response);
  return response;
}

/**
 * A user signs in to an app through the authorization endpoint (PKCE S256) and the app gets its
 * code. Every redirect is followed by hand and checked, so a step that changed fails here by name.
 */
export async function signIn(mp: MemoryProvider, clientId: string, redirectUri: string, scope = "openid") {
  const jar = new CookieJar();
  const verifier = "a-code-verifier-long-enough-for-pkce-in-unit-tests-0123456789";
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const query = new URLSearchParams({
    client_id: clientId,
    response_type: "code",
    scope,
    redirect_uri: redirectUri,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  let location = `${mp.url}/oidc/auth?${query}`;
  for (let step = 0; step < 4; step++) {
    const response = await browse(jar, location);
    const next = response.headers.get("location");
    if (!next) throw new Error(`sign-in stopped at ${new URL(location).pathname} with ${response.status}`);
    location = new URL(next, location).href;
    if (location.startsWith(redirectUri)) {
      const code = new URL(location).searchParams.get("code");
      if (!code) throw new Error(`no code in the redirect: ${location}`);
      return { code, verifier, jar };
    }
  }
  throw new Error("sign-in did not reach the app within four redirects");
}
