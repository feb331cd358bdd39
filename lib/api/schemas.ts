import { z } from "zod";
import { type applicationSettings, type SettingName, settingNames, settingSpec } from "../applications/settings";
import { applicationTypes } from "../applications/types";
import { auditEventTypes } from "../audit/events";

/**
 * What the management API answers, as zod schemas: the OpenAPI document is generated from them
 * and from the request schemas in lib/validation, never written by hand.
 */
const dateTime = z.iso.datetime();

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.record(z.string(), z.array(z.string())).optional().describe("Invalid fields: path → messages"),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });

export const secretSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    lastFour: z.string(),
    createdAt: dateTime,
    expiresAt: dateTime.nullable(),
    lastUsedAt: dateTime.nullable(),
  })
  .meta({ id: "ClientSecret" });

/** An application: who it is, and every declared setting as its view schema describes it. */
export const applicationSchema = z
  .object({
    id: z.string(),
    clientId: z.string(),
    type: z.enum(applicationTypes),
    ...(Object.fromEntries(settingNames.map((name) => [name, settingSpec(name).view])) as {
      [K in SettingName]: (typeof applicationSettings)[K]["view"];
    }),
    version: z.number().int().describe("Send it back with an update to refuse overwriting a newer edit (409)"),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ id: "Application" });

export const createdApplicationSchema = z
  .object({
    application: applicationSchema,
    clientSecret: z.string().optional().describe("Shown once; stored only as a hash"),
  })
  .meta({ id: "CreatedApplication" });

/** Where a page sits in its list: every paged response carries these beside its items. */
const paging = { total: z.number().int(), page: z.number().int(), pageCount: z.number().int() };

export const applicationPageSchema = z
  .object({
    items: z.array(
      applicationSchema.pick({ id: true, clientId: true, name: true, type: true, createdAt: true }).extend({
        missingRedirect: z.boolean().describe("A third-party app with no redirect URI: nobody can sign in to it yet"),
      }),
    ),
    ...paging,
    pageSize: z.number().int(),
    counts: z.object({ "first-party": z.number().int(), "third-party": z.number().int() }),
  })
  .meta({ id: "ApplicationPage" });

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    username: z.string().describe("preferred_username; unique whatever its letter case; empty when not set"),
    givenName: z.string().describe("given_name; empty when not set"),
    familyName: z.string().describe("family_name; empty when not set"),
    locale: z.string().describe("locale: a BCP 47 language tag such as en-US; empty when not set"),
    zoneinfo: z.string().describe("zoneinfo: an IANA time zone such as Europe/Paris; empty when not set"),
    emailVerified: z.boolean(),
    phone: z.string(),
    picture: z.string(),
    role: z.enum(["user", "admin"]),
    status: z.enum(["active", "suspended"]),
    version: z.number().int(),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ id: "User" });

export const userPageSchema = z
  .object({
    items: z.array(userSchema),
    ...paging,
    pageSize: z.number().int(),
  })
  .meta({ id: "UserPage" });

export const connectedAppSchema = z
  .object({
    clientId: z.string(),
    applicationId: z.string(),
    name: z.string(),
    logoUrl: z.string(),
    scopes: z.array(z.string()),
    authorizedAt: dateTime,
  })
  .meta({ id: "ConnectedApp" });

export const twoFactorStatusSchema = z
  .object({
    totp: z.object({ enabledAt: dateTime, lastUsedAt: dateTime.nullable() }).nullable(),
    recoveryCodesLeft: z.number().int(),
    passkeys: z.array(z.object({ name: z.string(), createdAt: dateTime, lastUsedAt: dateTime.nullable() })),
  })
  .meta({ id: "TwoFactorStatus" });

export const twoFactorSettingsSchema = z
  .object({ policy: z.enum(["off", "optional", "required"]) })
  .meta({ id: "TwoFactorSettings" });

export const selfRegistrationSettingsSchema = z
  .object({ enabled: z.boolean() })
  .meta({ id: "SelfRegistrationSettings" });

export const auditEventSchema = z
  .object({
    id: z.string(),
    at: dateTime,
    type: z.enum(auditEventTypes),
    actorId: z.string().nullable(),
    actor: z.string(),
    applicationId: z.string().nullable(),
    userId: z.string().nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    ip: z.string().nullable(),
  })
  .meta({ id: "AuditEvent" });

export const auditPageSchema = z
  .object({
    items: z.array(auditEventSchema),
    ...paging,
  })
  .meta({ id: "AuditPage" });

export const importResultSchema = z
  .object({
    created: z.array(z.string()),
    updated: z.array(z.string()),
    unchanged: z.array(z.string()),
    withoutSecret: z.array(z.string()).describe("Confidential apps that have no secret yet: add one"),
  })
  .meta({ id: "ImportResult" });

export const signingKeySchema = z
  .object({
    kid: z.string(),
    alg: z.enum(["RS256", "ES256"]),
    status: z.enum(["current", "next", "previous"]),
    createdAt: dateTime,
    activatesAt: dateTime.optional().describe("Next keys: when the key starts signing"),
    retiresAt: dateTime.optional().describe("Previous keys: when the key leaves the JWKS"),
  })
  .meta({ id: "SigningKey" });

export const signingKeyListSchema = z.object({ keys: z.array(signingKeySchema) }).meta({ id: "SigningKeyList" });

export const apiPermissionSchema = z
  .object({ name: z.string(), description: z.string().describe("What users read on the consent page") })
  .meta({ id: "ApiPermission" });

export const apiResourceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    indicator: z.string().describe("The resource indicator apps send as resource= and tokens carry as aud"),
    accessTokenTtl: z.number().int().describe("Access-token lifetime in seconds"),
    permissions: z.array(apiPermissionSchema),
    version: z.number().int(),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ id: "ApiResource" });

export const apiResourceListSchema = z.object({ items: z.array(apiResourceSchema) }).meta({ id: "ApiResourceList" });

const permissionRefSchema = z
  .object({ indicator: z.string(), name: z.string() })
  .meta({ id: "PermissionRef", description: "An API's permission, named by the API's indicator" });

export const roleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    permissions: z.array(permissionRefSchema),
    createdAt: dateTime,
  })
  .meta({ id: "Role" });

export const roleListSchema = z.object({ items: z.array(roleSchema) }).meta({ id: "RoleList" });

export const roleNamesSchema = z.object({ roles: z.array(z.string()) }).meta({ id: "RoleNames" });

export const appAccessSchema = z
  .object({
    apiPermissions: z.array(permissionRefSchema).describe("What the app may ask users for"),
    roles: z.array(z.string()).describe("Machine-to-machine apps: the roles whose permissions their tokens carry"),
    accessRoles: z
      .array(z.string())
      .describe("Who may sign in: empty for everyone, else users with one of these roles"),
  })
  .meta({ id: "ApplicationAccess" });

export const mailTestResultSchema = z
  .object({ sent: z.literal(true), to: z.string(), relay: z.string().describe("smtp://host:port, smtps://…, or log") })
  .meta({ id: "MailTestResult" });

export const invitationSchema = z
  .object({
    user: userSchema,
    emailSent: z.boolean(),
    emailError: z.string().optional().describe("The relay's answer when the invitation could not be sent"),
  })
  .meta({ id: "Invitation" });

export const verificationSentSchema = z
  .object({
    emailSent: z.boolean(),
    emailError: z.string().optional().describe("The relay's answer when the email could not be sent"),
  })
  .meta({ id: "VerificationSent" });
