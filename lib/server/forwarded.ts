import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";

export type RequestOrigin = {
  /** The client's address: the socket's peer, or the one the trusted proxies saw. */
  address: string;
  /** The scheme the client used to reach the first trusted proxy (or this server). */
  protocol: "http" | "https";
};

function entries(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(",") : (value ?? "");
  return joined
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * The entry `hops` places from the right. Each trusted proxy appends the address it was reached
 * from (nginx's `proxy_add_x_forwarded_for`), so everything left of that is whatever the client
 * chose to send. A shorter list (fewer proxies than configured) yields its leftmost entry: no
 * entry further left was added by anyone trusted.
 */
function fromRight(list: string[], hops: number): string | undefined {
  if (!list.length) return undefined;
  return list[Math.max(0, list.length - hops)];
}

/**
 * Where a request really came from, given how many reverse proxies (`TRUST_PROXY`) stand in
 * front of this server. With none, forwarded headers are ignored.
 */
export function requestOrigin(req: IncomingMessage, hops: number): RequestOrigin {
  const peer = req.socket.remoteAddress ?? "unknown";
  const encrypted = (req.socket as TLSSocket).encrypted === true;
  if (hops <= 0 || encrypted) return { address: peer, protocol: encrypted ? "https" : "http" };
  const address = fromRight(entries(req.headers["x-forwarded-for"]), hops) ?? peer;
  // The scheme is the nearest proxy's word: nginx's `proxy_set_header X-Forwarded-Proto $scheme`
  // overwrites the header rather than appending, so only its right-most entry is trusted.
  const proto = fromRight(entries(req.headers["x-forwarded-proto"]), 1)?.toLowerCase();
  return { address, protocol: proto === "https" ? "https" : "http" };
}

/**
 * Rewrites the forwarded headers to the one trusted value each (or removes them when no proxy is
 * trusted), so everything downstream (oidc-provider's Koa, Next.js, next-auth) reads the same
 * address and scheme as Latchkey's own checks, whatever the client added on the left. Returns the
 * scheme. Runs on every request, the provider's hot path included, so it touches no more than it must.
 */
export function normalizeForwarded(req: IncomingMessage, hops: number): RequestOrigin["protocol"] {
  const headers = req.headers;
  if (hops <= 0) {
    if (headers["x-forwarded-for"] !== undefined) delete headers["x-forwarded-for"];
    if (headers["x-forwarded-proto"] !== undefined) delete headers["x-forwarded-proto"];
    if (headers["x-forwarded-host"] !== undefined) delete headers["x-forwarded-host"];
    return (req.socket as TLSSocket).encrypted === true ? "https" : "http";
  }
  const origin = requestOrigin(req, hops);
  headers["x-forwarded-for"] = origin.address;
  headers["x-forwarded-proto"] = origin.protocol;
  // The public host is APP_URL's, never the request's: a client-chosen X-Forwarded-Host would
  // otherwise become the host of every URL oidc-provider writes (discovery, redirects).
  if (headers["x-forwarded-host"] !== undefined) delete headers["x-forwarded-host"];
  return origin.protocol;
}
