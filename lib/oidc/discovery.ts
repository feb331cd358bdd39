import { request } from "node:http";
import type { Runtime } from "../runtime";

/** The endpoints an admin copies into a service provider, as the discovery document names them. */
export type Discovery = {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  end_session_endpoint: string;
  revocation_endpoint: string;
  introspection_endpoint: string;
  [key: string]: unknown;
};

const endpointOrder = [
  "authorization_endpoint",
  "token_endpoint",
  "userinfo_endpoint",
  "jwks_uri",
  "end_session_endpoint",
  "revocation_endpoint",
  "introspection_endpoint",
  "pushed_authorization_request_endpoint",
];

/**
 * Every endpoint the document names (`*_endpoint` and `jwks_uri`), the common ones first: the
 * console lists exactly these, so enabling a feature adds its endpoint there too.
 */
export function listEndpoints(discovery: Discovery): [name: string, url: string][] {
  const names = Object.keys(discovery).filter(
    (key) => (key.endsWith("_endpoint") || key === "jwks_uri") && typeof discovery[key] === "string",
  );
  const rank = (name: string) => (endpointOrder.includes(name) ? endpointOrder.indexOf(name) : endpointOrder.length);
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((name) => [name, String(discovery[name])]);
}

/** Where a client finds the discovery document of an issuer. */
export function discoveryUrl(issuer: string): string {
  return `${issuer}/.well-known/openid-configuration`;
}

let cached: { at: number; value: Discovery } | undefined;

/**
 * The provider's own discovery document, fetched from this process as a client on APP_URL would
 * see it (same host and scheme), so the console can never show an endpoint that disagrees with
 * it. Cached for a minute: it changes only with configuration.
 */
export async function readDiscovery(rt: Runtime): Promise<Discovery> {
  if (cached && Date.now() - cached.at < 60_000) return cached.value;
  const app = new URL(rt.env.APP_URL);
  // node:http rather than fetch: fetch does not let a caller set Host.
  const body = await new Promise<string>((resolve, reject) => {
    const req = request(`${rt.internalUrl()}/oidc/.well-known/openid-configuration`, {
      headers: { host: app.host, "x-forwarded-host": app.host, "x-forwarded-proto": app.protocol.slice(0, -1) },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        res.statusCode === 200
          ? resolve(Buffer.concat(chunks).toString("utf8"))
          : reject(new Error(`discovery answered ${res.statusCode}`)),
      );
    });
    req.on("error", reject);
    req.end();
  });
  const value = JSON.parse(body) as Discovery;
  cached = { at: Date.now(), value };
  return value;
}
