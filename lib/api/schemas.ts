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
