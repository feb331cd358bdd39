import type { IncomingMessage, ServerResponse } from "node:http";
import { sessionIdFromCookie, sessionUser } from "../auth/sessions";
import type { Db } from "../db/client";
import { countAdmins } from "../users/service";

/** The console's routes: every page under them shows admin data. */
const consoleRoots = ["/applications", "/users", "/apis", "/roles", "/audit", "/api-docs", "/docs", "/settings"];

/**
 * Whether a request target names one of the console's routes, read the way Next.js will read it:
 * percent-decoded, dot segments resolved (`/x/../users`), slashes collapsed, an absolute-form
 * target reduced to its path, and without regard to case. No spelling of a console path slips
 * past; refusing a path Next.js would not have served costs nothing.
 */
export function isConsolePath(path: string): boolean {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape is compared as it is (the server refuses such paths before this anyway).
  }
  let resolved: string;
  try {
    // An absolute-form target (`GET http://host/users`) is judged by its path.
    const target = /^[a-z][a-z0-9+.-]*:/i.test(decoded) ? new URL(decoded).pathname : decoded;
    // Slashes are collapsed before parsing: "//users" would otherwise parse as a host named "users".
    resolved = new URL(target.replace(/[/\\]+/g, "/"), "http://latchkey.invalid").pathname;
  } catch {
    return true;
  }
  const normal = resolved.toLowerCase();
  return consoleRoots.some((root) => normal === root || normal.startsWith(`${root}/`));
}

/** A request that Next.js's client router makes for data (React Server Components) or an action, not a page. */
function isDataRequest(req: IncomingMessage, url: string): boolean {
  const h = req.headers;
  return (
    h.rsc !== undefined ||
    h["next-router-state-tree"] !== undefined ||
    h["next-router-prefetch"] !== undefined ||
    h["next-action"] !== undefined ||
    /[?&]_rsc=/.test(url)
  );
}

export type ConsoleGate = (req: IncomingMessage, res: ServerResponse, url: string) => Promise<boolean>;

/**
 * The server's own check in front of Next.js: a console route is rendered only for an admin
 * session. Anyone else gets nothing of the page: a browser asking for a page gets an empty
 * redirect to sign-in (or to setup on an empty database), and a data fetch or any other method
 * gets an empty 401. Pages check again themselves (requireAdmin): this is a second wall, not the only one.
 */
export function createConsoleGate(db: Db, appUrl: string, sessionSecret: string): ConsoleGate {
  return async function admit(req, res, url) {
    const sessionId = await sessionIdFromCookie(req.headers.cookie, appUrl, sessionSecret);
    const user = sessionId ? await sessionUser(db, sessionId) : undefined;
    if (user?.role === "admin") return true;
    const headers = { "cache-control": "no-store", "content-length": "0", vary: "Cookie" };
    const pageRequest = (req.method === "GET" || req.method === "HEAD") && !isDataRequest(req, url);
    if (!pageRequest) {
      res.writeHead(401, headers);
      res.end();
      return false;
    }
    const location = (await countAdmins(db)) === 0 ? "/setup" : `/sign-in?${new URLSearchParams({ callbackUrl: url })}`;
    res.writeHead(303, { ...headers, location });
    res.end();
    return false;
  };
}
