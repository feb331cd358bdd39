import { z } from "zod";
import { humanTextProblem } from "./text";

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);
const forbiddenSchemes = new Set(["javascript:", "data:", "file:", "vbscript:", "blob:", "about:"]);

export type UriRules = {
  /** Native apps may use a private-use scheme such as `com.example.app:/callback`. */
  allowCustomScheme: boolean;
};

/**
 * Whitespace anywhere in the raw string (\s: spaces, tabs, line breaks, no-break and Unicode
 * spaces, the BOM). The URL parser silently drops tabs and line breaks (`https://rp.exa\tmple.com`
 * is `rp.example.com`) and trims the ends, so the address an admin reads in a list would not be
 * the one that is matched. A valid URL encodes its spaces, so refusing them costs nothing.
 */
const whitespace = /\s/u;

/** Why the raw `value` cannot be a URL at all, before any parsing: whitespace, control or bidi characters. */
export function urlCharacterProblem(value: string): string | undefined {
  if (whitespace.test(value)) return "uriWhitespace";
  const problem = humanTextProblem(value);
  if (problem === "textControlCharacter") return "uriWhitespace";
  return problem;
}

/** The parsed URL, or the `validation` key saying why `value` is none: its characters first, then `notAbsolute`. */
function parseUrl(value: string, notAbsolute: string): URL | string {
  const raw = urlCharacterProblem(value);
  if (raw) return raw;
  try {
    return new URL(value);
  } catch {
    return notAbsolute;
  }
}

/** Why `value` is not an acceptable redirect URI (a `validation` message key), or undefined when it is. */
export function redirectUriProblem(value: string, rules: UriRules): string | undefined {
  const url = parseUrl(value, "uriNotAbsolute");
  if (typeof url === "string") return url;
  if (url.hash || value.includes("#")) return "uriFragment";
  if (url.protocol === "https:") return url.hostname ? undefined : "uriHost";
  if (url.protocol === "http:") {
    return loopbackHosts.has(url.hostname) ? undefined : "uriHttpsRequired";
  }
  if (forbiddenSchemes.has(url.protocol)) return "uriSchemeForbidden";
  return rules.allowCustomScheme ? undefined : "uriCustomSchemeNative";
}

/** Why `value` is not an absolute web address a browser may load (a `validation` key), or undefined. */
export function webUrlProblem(value: string): string | undefined {
  const url = parseUrl(value, "urlNotAbsolute");
  if (typeof url === "string") return url;
  if (url.protocol === "https:") return undefined;
  if (url.protocol === "http:") return loopbackHosts.has(url.hostname) ? undefined : "uriHttpsRequired";
  return "urlWebOnly";
}

/** A list of redirect URIs: each valid under `rules`, none repeated; errors point at the row. */
export function uriList(rules: UriRules) {
  return z
    .array(
      z.string().superRefine((value, ctx) => {
        const problem = redirectUriProblem(value, rules);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    )
    .max(50, "tooManyUris")
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((value, index) => {
        if (seen.has(value)) ctx.addIssue({ code: "custom", message: "uriDuplicate", path: [index] });
        seen.add(value);
      });
    });
}

/** CORS origins: scheme, host and port only, https except loopback. */
export const originList = z
  .array(
    z.string().superRefine((value, ctx) => {
      const problem = redirectUriProblem(value, { allowCustomScheme: false });
      if (problem) return ctx.addIssue({ code: "custom", message: problem });
      const url = new URL(value);
      if (url.origin !== value) {
        ctx.addIssue({ code: "custom", message: "originHasPath" });
      }
    }),
  )
  .max(50, "tooManyOrigins");
