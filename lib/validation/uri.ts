import { z } from "zod";

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);
const forbiddenSchemes = new Set(["javascript:", "data:", "file:", "vbscript:", "blob:", "about:"]);

export type UriRules = {
  /** Native apps may use a private-use scheme such as `com.example.app:/callback`. */
  allowCustomScheme: boolean;
};

/** Why `value` is not an acceptable redirect URI (a `validation` message key), or undefined when it is. */
export function redirectUriProblem(value: string, rules: UriRules): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "uriNotAbsolute";
  }
  if (value !== value.trim()) return "uriSpaces";
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
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "urlNotAbsolute";
  }
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
