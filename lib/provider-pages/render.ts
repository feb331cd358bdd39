import type { IncomingMessage, ServerResponse } from "node:http";
import { applySecurityHeaders } from "../server/security-headers";
import { encodeView, VIEW_HEADER, type ViewData, type ViewName } from "./data";

type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const viewPaths: Record<ViewName, string | undefined> = {
  interaction: undefined, // rendered at the request's own URL
  error: "/error",
  logout: "/sign-out",
  "signed-out": "/signed-out",
  device: "/device",
  password: "/password",
};

/**
 * Renders one of the web app's pages for the provider, passing the view's data in a request
 * header (stripped from every incoming request, so only the server can set it). The page's
 * HTTP status is pinned to `status`, so an error page is served as a 400, not a 200.
 */
export function createViewRenderer(handle: NextHandler) {
  return async function render<N extends ViewName>(
    req: IncomingMessage,
    res: ServerResponse,
    name: N,
    data: ViewData[N],
    status = 200,
  ) {
    const path = viewPaths[name];
    // Provider-rendered views (errors, sign-out) arrive here without passing the page route.
    applySecurityHeaders(req, res, path ?? "/interaction");
    if (path) {
      req.url = path;
      req.method = "GET";
    }
    delete req.headers["content-type"];
    delete req.headers["content-length"];
    req.headers[VIEW_HEADER] = encodeView(name, data);
    Object.defineProperty(res, "statusCode", { configurable: true, get: () => status, set: () => {} });
    await handle(req, res);
  };
}
