import { z } from "zod";
import type { ApplicationType } from "../applications/types";
import { managementScope, userScopes } from "../oidc/scopes";
import { humanText } from "./text";
import { originList, redirectUriProblem, uriList, webUrlProblem } from "./uri";

/**
 * The rules an application's settings are checked with, one per kind of value. The settings
 * themselves (which rule each uses, for which types) are declared in lib/applications/settings.ts.
 */
export const appName = humanText(128).min(1, "nameRequired");
/** The only multi-line text: a description keeps its line breaks (it is a text area). */
export const appDescription = humanText(500, { multiline: true });
export const brandingText = humanText(128);

const web = uriList({ allowCustomScheme: false });
const native = uriList({ allowCustomScheme: true });
/** Redirect and post sign-out URIs: custom schemes for native apps only, none for m2m apps. */
export const redirectUriList = (type: ApplicationType) =>
  type === "m2m" ? z.array(z.string()).max(0, "m2mNoRedirects") : type === "native" ? native : web;

export { originList };

const userScopeList = z
  .array(z.enum(userScopes, "scopeUnknown"))
  .refine((scopes) => new Set(scopes).size === scopes.length, "scopeRepeated");
/** A machine-to-machine app may be allowed Latchkey's management API, and nothing else. */
const m2mScopeList = z.array(z.enum([managementScope], "scopeUnknown")).max(1, "scopeRepeated");
/** Third-party apps: the user scopes they may request; m2m apps: "management" or nothing. */
export const allowedScopeList = (type: ApplicationType) => (type === "m2m" ? m2mScopeList : userScopeList);

/**
 * How a confidential client authenticates at the token endpoint: its secret in the header or
 * the body, or an assertion signed with a key it registered (private_key_jwt, lib/validation/jwks.ts).
 */
export const tokenAuthMethods = ["client_secret_basic", "client_secret_post", "private_key_jwt"] as const;
export const tokenAuthMethod = z.enum(tokenAuthMethods, "authMethodUnknown");

/**
 * When a confidential app's authorization requests need PKCE (RFC 9700 §2.1.1): every time; or
 * PKCE, or a nonce on OpenID requests (the default); or neither, for older services that send
 * only a `state` (less safe: a stolen code could be injected into their sign-in).
 */
export const pkcePolicies = ["required", "pkce_or_nonce", "not_required"] as const;
export type PkcePolicy = (typeof pkcePolicies)[number];
export const pkcePolicy = z.enum(pkcePolicies, "pkcePolicyUnknown");

/** Branding and legal links: absolute web addresses (https, or http on loopback); empty clears. */
export const pageUrl = z
  .string()
  .trim()
  .max(2048, "tooLong2048")
  .superRefine((value, ctx) => {
    if (value === "") return;
    const problem = webUrlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/**
 * Where back-channel logout tokens are posted: validated like a web app's redirect URI (https,
 * or http on loopback; no fragment); empty means none.
 */
export const backchannelLogoutUri = z
  .string()
  .max(2048, "tooLong2048")
  .superRefine((value, ctx) => {
    if (value === "") return;
    const problem = redirectUriProblem(value, { allowCustomScheme: false });
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;
/** Token lifetimes in seconds; null is the provider's default (1 hour, 14 days). */
export const tokenLimits = {
  accessTokenTtl: { min: 5 * MINUTE, max: DAY },
  refreshTokenTtl: { min: 60 * MINUTE, max: 365 * DAY },
} as const;
export const lifetime = (limits: { min: number; max: number }, tooShort: string, tooLong: string) =>
  z.number("numberRequired").int("numberRequired").min(limits.min, tooShort).max(limits.max, tooLong).nullable();

export const flag = z.boolean("booleanRequired");
