import { z } from "zod";
import { positiveSafeInteger } from "./numbers";
import { humanText } from "./text";
import { urlCharacterProblem } from "./uri";

/** Scopes Latchkey itself gives meaning to: an API permission may not take one of these names. */
const reservedScopes = new Set(["openid", "offline_access", "profile", "email", "phone", "address", "management"]);

/**
 * A permission's name is an OAuth scope token (RFC 6749 §3.3) people can read, such as
 * `read:pages`: letters, digits and `: . _ - /`, no spaces (a scope string is space-separated).
 */
export const permissionName = z
  .string()
  .trim()
  .min(1, "permissionNameInvalid")
  .max(100, "permissionNameInvalid")
  .regex(/^[A-Za-z0-9:._/-]+$/, "permissionNameInvalid")
  .refine((name) => !reservedScopes.has(name), "permissionNameReserved");

/**
 * An API's resource indicator (RFC 8707 §2): an absolute URI without a fragment. Apps send it
 * as `resource=` and access tokens carry it as their audience, so it is compared as written.
 */
export const indicator = z
  .string()
  .trim()
  .max(2048, "tooLong2048")
  .superRefine((value, ctx) => {
    const problem = urlCharacterProblem(value);
    if (problem) return ctx.addIssue({ code: "custom", message: problem });
    if (!URL.canParse(value)) return ctx.addIssue({ code: "custom", message: "indicatorNotAbsolute" });
    if (value.includes("#")) ctx.addIssue({ code: "custom", message: "indicatorFragment" });
  });

export const permissionInput = z.object({
  name: permissionName,
  description: humanText(500).default(""),
});

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;

const permissionList = z
  .array(permissionInput)
  .max(200, "tooManyPermissions")
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((permission, index) => {
      if (seen.has(permission.name)) ctx.addIssue({ code: "custom", message: "permissionRepeated", path: [index] });
      seen.add(permission.name);
    });
  });

const apiFields = {
  name: humanText(128).min(1, "nameRequired"),
  indicator,
  accessTokenTtl: positiveSafeInteger("numberRequired")
    .min(5 * MINUTE, "accessTtlTooShort")
    .max(DAY, "accessTtlTooLong"),
  permissions: permissionList,
};

export const createApiSchema = z.object({
  ...apiFields,
  accessTokenTtl: apiFields.accessTokenTtl.default(3600),
  permissions: apiFields.permissions.default([]),
});
export type CreateApiInput = z.input<typeof createApiSchema>;

/**
 * Every field optional (PATCH), and none with a default: a field left out keeps its value.
 * `permissions`, when sent, is the whole new list (kept by name).
 */
export const updateApiSchema = z.object(apiFields).partial();

/** A permission named as a role or an app holds it: the API's indicator and the permission's name. */
export const permissionRef = z.object({ indicator, name: permissionName });
export type PermissionRef = z.infer<typeof permissionRef>;

export const permissionRefs = z.array(permissionRef).max(500, "tooManyPermissions");

const roleFields = {
  name: humanText(64).min(1, "nameRequired"),
  description: humanText(500),
  permissions: permissionRefs,
};

export const createRoleSchema = z.object({
  ...roleFields,
  description: roleFields.description.default(""),
  permissions: roleFields.permissions.default([]),
});
/** Every field optional (PATCH), and none with a default: a field left out keeps its value. */
export const updateRoleSchema = z.object(roleFields).partial();

/** Role names, as users, apps and access rules are given them. */
export const roleNames = z.array(humanText(64).min(1, "nameRequired")).max(100, "tooManyRoles");

export const roleListSchema = z.object({ roles: roleNames });
