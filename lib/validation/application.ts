import { z } from "zod";
import { applicationTypes, hasClientSecret } from "../applications/types";
import { managementScope, userScopes } from "../oidc/scopes";
import { humanText } from "./text";
import { originList, uriList, webUrlProblem } from "./uri";

const name = humanText(128).min(1, "nameRequired");
/** The only multi-line text: a description keeps its line breaks (it is a text area). */
const description = humanText(500, { multiline: true });

const web = uriList({ allowCustomScheme: false });

const allowedScopeList = z
  .array(z.enum(userScopes, "scopeUnknown"))
  .refine((scopes) => new Set(scopes).size === scopes.length, "scopeRepeated");
/** A machine-to-machine app may be allowed Latchkey's management API, and nothing else. */
const m2mScopeList = z.array(z.enum([managementScope], "scopeUnknown")).max(1, "scopeRepeated");
const native = uriList({ allowCustomScheme: true });

/** What the create wizard, the CLI and the API accept to create an application. */
export const createApplicationSchema = z
  .object({
    type: z.enum(applicationTypes, "typeRequired"),
    name,
    description: description.default(""),
    redirectUris: z.array(z.string()).default([]),
    postLogoutRedirectUris: z.array(z.string()).default([]),
    /** Third-party apps: the user scopes they may request (default: profile and email); m2m: "management". */
    allowedScopes: z.array(z.string()).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.allowedScopes) {
      const list = value.type === "m2m" ? m2mScopeList : value.type === "third-party" ? allowedScopeList : undefined;
      if (!list) ctx.addIssue({ code: "custom", path: ["allowedScopes"], message: "thirdPartyOnly" });
      for (const issue of list?.safeParse(value.allowedScopes).error?.issues ?? []) {
        ctx.addIssue({ code: "custom", path: ["allowedScopes", ...issue.path], message: issue.message });
      }
    }
    const list = value.type === "native" ? native : web;
    for (const field of ["redirectUris", "postLogoutRedirectUris"] as const) {
      if (value.type === "m2m" && value[field].length > 0) {
        ctx.addIssue({ code: "custom", path: [field], message: "m2mNoRedirects" });
        continue;
      }
      const result = list.safeParse(value[field]);
      for (const issue of result.error?.issues ?? []) {
        ctx.addIssue({ code: "custom", path: [field, ...issue.path], message: issue.message });
      }
    }
  });
export type CreateApplicationInput = z.input<typeof createApplicationSchema>;

/** How a confidential client sends its secret to the token endpoint. */
export const tokenAuthMethods = ["client_secret_basic", "client_secret_post"] as const;

/** Branding and legal links: absolute web addresses (https, or http on loopback); empty clears. */
const pageUrl = z
  .string()
  .trim()
  .max(2048, "tooLong2048")
  .superRefine((value, ctx) => {
    if (value === "") return;
    const problem = webUrlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;
/** Token lifetimes in seconds; null is the provider's default (1 hour, 14 days). */
export const tokenLimits = {
  accessTokenTtl: { min: 5 * MINUTE, max: DAY },
  refreshTokenTtl: { min: 60 * MINUTE, max: 365 * DAY },
} as const;
const lifetime = (limits: { min: number; max: number }, tooShort: string, tooLong: string) =>
  z.number("numberRequired").int("numberRequired").min(limits.min, tooShort).max(limits.max, tooLong).nullable();

/**
 * What the console and the API may change. Every field is optional (PATCH): only those sent
 * change. The type never changes after creation; third-party fields apply to third-party apps.
 */
export function updateApplicationSchema(type: (typeof applicationTypes)[number]) {
  const list = type === "native" ? native : web;
  // Permissions and branding belong to third-party apps: for others they are refused by name.
  const thirdPartyOnly = <T extends z.ZodType>(schema: T) =>
    type === "third-party" ? schema : z.never("thirdPartyOnly");
  const confidentialOnly = <T extends z.ZodType>(schema: T) =>
    hasClientSecret(type) ? schema : z.never("confidentialOnly");
  return z
    .object({
      name,
      description,
      redirectUris: type === "m2m" ? z.array(z.string()).max(0, "m2mNoRedirects") : list,
      postLogoutRedirectUris: type === "m2m" ? z.array(z.string()).max(0, "m2mNoRedirects") : list,
      corsOrigins: originList,
      allowedScopes: type === "m2m" ? m2mScopeList : thirdPartyOnly(allowedScopeList),
      displayName: thirdPartyOnly(humanText(128)),
      logoUrl: thirdPartyOnly(pageUrl),
      logoDarkUrl: thirdPartyOnly(pageUrl),
      termsUrl: thirdPartyOnly(pageUrl),
      privacyUrl: thirdPartyOnly(pageUrl),
      accessTokenTtl: lifetime(tokenLimits.accessTokenTtl, "accessTtlTooShort", "accessTtlTooLong"),
      refreshTokenTtl: lifetime(tokenLimits.refreshTokenTtl, "refreshTtlTooShort", "refreshTtlTooLong"),
      alwaysIssueRefreshToken: z.boolean("booleanRequired"),
      rotateRefreshToken: z.boolean("booleanRequired"),
      requirePkce: confidentialOnly(z.boolean("booleanRequired")),
      tokenEndpointAuthMethod: confidentialOnly(z.enum(tokenAuthMethods, "authMethodUnknown")),
    })
    .partial();
}
export type UpdateApplicationInput = z.infer<ReturnType<typeof updateApplicationSchema>>;
