import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from "jose";

export const LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

/** A logout token the receiver verified, with the path it was posted to and what it answered. */
export type ReceivedLogout = { path: string; claims: JWTPayload; answered: number };

export type LogoutReceiver = {
  /** The receiver's base URL; an app registers `${url}/<path>`. */
  url: string;
  /** Verified tokens, in the order they arrived. */
  received: ReceivedLogout[];
  /** Tokens refused (bad signature, claims or body), with why: a test expects none. */
  refused: string[];
  /** The issuer tokens must come from (a restarted server has a new port, so a new issuer). */
  expectIssuer(issuer: string): void;
  /** The next `count` valid tokens posted to `path` are answered 503. */
  failNext(path: string, count: number): void;
  /** Every valid token posted to `path` is answered 503 until `accept(path)`. */
  refuse(path: string): void;
  accept(path: string): void;
  close(): Promise<void>;
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

/**
 * A relying party's back-channel logout endpoint, as the specification (§2.6) has it validate a
 * logout token: signed by a key in the provider's JWKS, `typ` logout+jwt, `iss` the issuer, `aud`
 * the client, `iat` and `exp` present, the logout event in `events`, `sub` and `sid`, and no
 * `nonce`. A valid token is answered 200 (or 503 when told to fail), anything else 400. It listens
 * on 127.0.0.1 on a free port and closes itself after `lifetimeMs` if the test forgets to.
 */
export async function startLogoutReceiver(clientIdFor: (path: string) => string, lifetimeMs = 10 * 60_000) {
  let issuer = "";
  const jwks = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  const failures = new Map<string, number>();
  const received: ReceivedLogout[] = [];
  const refused: string[] = [];

  async function verify(path: string, body: string): Promise<JWTPayload> {
    const token = new URLSearchParams(body).get("logout_token");
    if (!token) throw new Error("no logout_token in the body");
    const keys = jwks.get(issuer) ?? createRemoteJWKSet(new URL(`${issuer}/jwks`));
    jwks.set(issuer, keys);
    const { payload } = await jwtVerify(token, keys, {
      issuer,
      audience: clientIdFor(path),
      typ: "logout+jwt",
      requiredClaims: ["iat", "exp", "jti", "events", "sub", "sid"],
    });
    const events = payload.events as Record<string, unknown> | undefined;
    if (!events || typeof events[LOGOUT_EVENT] !== "object") throw new Error("no back-channel logout event");
    if ("nonce" in payload) throw new Error("a logout token must not carry a nonce");
    return payload;
  }

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://receiver").pathname;
    try {
      if (req.method !== "POST") throw new Error(`method ${req.method}`);
      if (!req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded"))
        throw new Error(`content type ${req.headers["content-type"]}`);
      const claims = await verify(path, await readBody(req));
      const left = failures.get(path) ?? 0;
      const answered = left > 0 ? 503 : 200;
      if (left > 0 && left !== Number.POSITIVE_INFINITY) failures.set(path, left - 1);
      received.push({ path, claims, answered });
      res.writeHead(answered, { "cache-control": "no-store" }).end();
    } catch (error) {
      refused.push(`${path}: ${(error as Error).message}`);
      res.writeHead(400).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const lifetime = setTimeout(() => server.close(), lifetimeMs);
  lifetime.unref();
  const { port } = server.address() as AddressInfo;

  const receiver: LogoutReceiver = {
    url: `http://127.0.0.1:${port}`,
    received,
    refused,
    expectIssuer(value) {
      issuer = value;
    },
    failNext: (path, count) => void failures.set(path, count),
    refuse: (path) => void failures.set(path, Number.POSITIVE_INFINITY),
    accept: (path) => void failures.delete(path),
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(lifetime);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return receiver;
}
