import { z } from "zod";

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);
const forbiddenSchemes = new Set(["javascript:", "data:", "file:", "vbscript:", "blob:", "about:"]);

export type UriRules = {
  /** Native apps may use a private-use scheme such as `com.example.app:/callback`. */
  allowCustomScheme: boolean;
};

/** Why `value` is not an acceptable redirect URI, or undefined when it is. */
export function redirectUriProblem(value: string, rules: UriRules): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter an absolute URL, such as https://app.example.com/callback";
  }
  if (value !== value.trim()) return "Remove the spaces around the URL";
  if (url.hash || value.includes("#")) return "A redirect URI cannot contain a fragment (#)";
  if (url.protocol === "https:") return url.hostname ? undefined : "Enter a host name";
  if (url.protocol === "http:") {
    return loopbackHosts.has(url.hostname)
      ? undefined
      : "Use https; http is allowed only for localhost, 127.0.0.1 and [::1]";
  }
  if (forbiddenSchemes.has(url.protocol)) return `The ${url.protocol} scheme is not allowed`;
  return rules.allowCustomScheme ? undefined : "Use https (custom schemes are for native apps only)";
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
    .max(50, "At most 50 URIs")
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((value, index) => {
        if (seen.has(value)) ctx.addIssue({ code: "custom", message: "This URI is already listed", path: [index] });
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
        ctx.addIssue({ code: "custom", message: `An origin has no path: use ${url.origin}` });
      }
    }),
  )
  .max(50, "At most 50 origins");
