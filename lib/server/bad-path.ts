import type { ServerResponse } from "node:http";

/**
 * A path whose percent-encoding is not UTF-8 (`/users/%F0`, or `%ED%A0%80`, a lone surrogate)
 * cannot name anything here. Next answers such a path with a 500 when it decodes a route's
 * parameters; it is the client's error, so it gets a 400 before Next sees it. Returns whether
 * it answered.
 */
export function refusedUndecodablePath(path: string, res: ServerResponse): boolean {
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    res.writeHead(400, { "content-type": "application/problem+json", "cache-control": "no-store" });
    res.end(
      JSON.stringify({
        type: "about:blank",
        title: "Bad request",
        status: 400,
        detail: "The path is not valid UTF-8.",
      }),
    );
    return true;
  }
}
