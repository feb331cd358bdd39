import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

type Cached = { headers: OutgoingHttpHeaders; body: Buffer };
type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

const skipped = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length"]);

/**
 * Replays the provider's answers for documents that only change when the configuration or the
 * keys do (discovery, JWKS). The first request for a host goes through oidc-provider and its
 * response is kept; later ones are answered from memory. Requests carrying an Origin (browser
 * CORS) always go through, so CORS headers are never replayed to the wrong origin.
 */
export function createResponseCache(paths: string[], handler: Handler, maxEntries = 64) {
  const cacheable = new Set(paths);
  const entries = new Map<string, Cached>();
  // Bumped by clear(): an answer that was being written when the keys changed is not kept.
  let generation = 0;

  function keyFor(req: IncomingMessage, path: string): string | undefined {
    if (req.method !== "GET" || req.headers.origin !== undefined || !cacheable.has(path)) return undefined;
    const h = req.headers;
    return `${path}|${h.host}|${h["x-forwarded-host"] ?? ""}|${h["x-forwarded-proto"] ?? ""}`;
  }

  function capture(res: ServerResponse, key: string) {
    const end = res.end.bind(res);
    const started = generation;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (started === generation && res.statusCode === 200 && (typeof chunk === "string" || Buffer.isBuffer(chunk))) {
        const headers: OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(res.getHeaders())) if (!skipped.has(name)) headers[name] = value;
        if (entries.size >= maxEntries) entries.clear();
        entries.set(key, { headers, body: Buffer.from(chunk) });
      }
      return (end as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
    }) as ServerResponse["end"];
  }

  return {
    /** Serves `req` from the cache or through the handler (capturing the answer). */
    handle(req: IncomingMessage, res: ServerResponse, path: string) {
      const key = keyFor(req, path);
      if (key === undefined) return handler(req, res);
      const hit = entries.get(key);
      if (!hit) {
        capture(res, key);
        return handler(req, res);
      }
      res.writeHead(200, { ...hit.headers, "content-length": hit.body.length });
      res.end(hit.body);
    },
    /** Forgets everything, e.g. after the signing keys changed. */
    clear() {
      generation++;
      entries.clear();
    },
  };
}
