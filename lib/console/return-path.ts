/**
 * `value` read the way a browser reads a link from `base` (tabs and newlines dropped, backslashes
 * as slashes, `//host` as another site), or undefined unless it stays on `base`'s origin.
 */
export function sameOriginUrl(value: string, base: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  return url.origin === new URL(base).origin ? url : undefined;
}

/**
 * Where to return after sign-in: only a place on this site (no open redirects). The answer is
 * the path as the URL parser wrote it, so no control character reaches a Location header.
 */
export function safeReturnPath(
  value: string | string[] | undefined,
  appUrl: string,
  fallback = "/applications",
): string {
  const raw = Array.isArray(value) ? value[0] : value;
  const url = raw ? sameOriginUrl(raw, appUrl) : undefined;
  // A same-origin path may still start with "//" (`/.//evil.example` parses so), which a browser
  // reads in a Location header as another host.
  if (!url || /^\/[/\\]/.test(url.pathname)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
