import type { ServerResponse } from "node:http";

const control = /\p{Cc}/u;

/** Why a request path cannot name anything here, or undefined when it may. */
function pathProblem(path: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return "The path is not valid UTF-8.";
  }
  return control.test(decoded) ? "The path holds a control character." : undefined;
}

/**
 * A path whose percent-encoding is not UTF-8 (`/users/%F0`, or `%ED%A0%80`, a lone surrogate)
 * makes Next answer a 500 when it decodes a route's parameters; a control character (`/users/%00`)
 * reaches the database, and PostgreSQL refuses NUL with an error. Both are the client's error,
 * so they get a 400 before Next sees them. Returns whether it answered.
 */
export function refusedBadPath(path: string, res: ServerResponse): boolean {
  const problem = pathProblem(path);
  if (!problem) return false;
  res.writeHead(400, { "content-type": "application/problem+json", "cache-control": "no-store" });
  res.end(JSON.stringify({ type: "about:blank", title: "Bad request", status: 400, detail: problem }));
  return true;
}
