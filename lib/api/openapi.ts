import { z } from "zod";
import { appAccessSchema } from "../apis/app-access";
import { parties } from "../applications/list";
import { importSchema } from "../applications/transfer";
import { auditQuerySchema } from "../audit/list";
import { managementScope } from "../oidc/scopes";
import {
  createApiSchema,
  createRoleSchema,
  roleListSchema,
  updateApiSchema,
  updateRoleSchema,
} from "../validation/api-resource";
import { createApplicationBody, updateApplicationSchema } from "../validation/application";
import { rotateKeySchema } from "../validation/key";
import { mailTestSchema } from "../validation/mail";
import { expectedVersion } from "../validation/numbers";
import { selfRegistrationInput } from "../validation/registration";
import { createSecretSchema } from "../validation/secret";
import { twoFactorSettingsInput } from "../validation/two-factor";
import {
  adminCreateUserSchema,
  inviteUserSchema,
  setPasswordSchema,
  updateUserSchema,
  userStatusSchema,
} from "../validation/user";
import * as responses from "./schemas";

type JsonSchema = Record<string, unknown>;
type Operation = {
  operationId: string;
  summary: string;
  tag: string;
  method: "get" | "post" | "patch" | "put" | "delete";
  path: string;
  query?: Record<string, z.ZodType>;
  body?: z.ZodType;
  /** Status → component name (or null for an empty response). */
  ok: [status: number, component: string | null];
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: z.ZodType): JsonSchema => {
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return rest;
};
/** The same `version` rule the update endpoints parse with (a positive safe integer), documented. */
const withVersion = (schema: z.ZodObject) =>
  schema.extend({ version: expectedVersion.version.describe("The version you edited; 409 if it moved on") });

const page = { page: z.number().int().min(1).optional(), pageSize: z.number().int().min(1).max(100).optional() };

const operations: Operation[] = [
  {
    operationId: "listApplications",
    summary: "List applications of one kind",
    tag: "Applications",
    method: "get",
    path: "/applications",
    query: { party: z.enum(parties).optional(), search: z.string().optional(), ...page },
    ok: [200, "ApplicationPage"],
  },
  {
    operationId: "createApplication",
    summary: "Create an application (its secret is in this response only)",
    tag: "Applications",
    method: "post",
    path: "/applications",
    body: createApplicationBody,
    ok: [201, "CreatedApplication"],
  },
  {
    operationId: "getApplication",
    summary: "Read an application",
    tag: "Applications",
    method: "get",
    path: "/applications/{id}",
    ok: [200, "Application"],
  },
  {
    operationId: "updateApplication",
    summary: "Change an application's settings (only the fields sent)",
    tag: "Applications",
    method: "patch",
    path: "/applications/{id}",
    body: withVersion(updateApplicationSchema("third-party")),
    ok: [200, "Application"],
  },
  {
    operationId: "deleteApplication",
    summary: "Delete an application",
    tag: "Applications",
    method: "delete",
    path: "/applications/{id}",
    ok: [204, null],
  },
  {
    operationId: "createSecret",
    summary: "Add a client secret (its value is in this response only)",
    tag: "Applications",
    method: "post",
    path: "/applications/{id}/secrets",
    body: createSecretSchema,
    ok: [201, "ClientSecret"],
  },
  {
    operationId: "deleteSecret",
    summary: "Delete a client secret",
    tag: "Applications",
    method: "delete",
    path: "/applications/{id}/secrets/{secretId}",
    ok: [204, null],
  },
  {
    operationId: "exportApplications",
    summary: "Export every application (no secrets)",
    tag: "Applications",
    method: "get",
    path: "/applications/export",
    ok: [200, null],
  },
  {
    operationId: "importApplications",
    summary: "Import an export: create or update by client ID, all or nothing",
    tag: "Applications",
    method: "post",
    path: "/applications/import",
    body: importSchema,
    ok: [200, "ImportResult"],
  },
  {
    operationId: "listApis",
    summary: "List the APIs (resource servers) apps can ask permissions for",
    tag: "APIs",
    method: "get",
    path: "/apis",
    ok: [200, "ApiResourceList"],
  },
  {
    operationId: "createApi",
    summary: "Register an API with its permissions",
    tag: "APIs",
    method: "post",
    path: "/apis",
    body: createApiSchema,
    ok: [201, "ApiResource"],
  },
  {
    operationId: "getApi",
    summary: "Read an API",
    tag: "APIs",
    method: "get",
    path: "/apis/{id}",
    ok: [200, "ApiResource"],
  },
  {
    operationId: "updateApi",
    summary: "Change an API (only the fields sent; permissions, when sent, is the whole list)",
    tag: "APIs",
    method: "patch",
    path: "/apis/{id}",
    body: withVersion(updateApiSchema),
    ok: [200, "ApiResource"],
  },
  {
    operationId: "deleteApi",
    summary: "Delete an API; roles and apps lose its permissions",
    tag: "APIs",
    method: "delete",
    path: "/apis/{id}",
    ok: [204, null],
  },
  {
    operationId: "setApiPermissions",
    summary: "Replace an API's permissions (kept by name, so roles and apps keep those that stay)",
    tag: "APIs",
    method: "put",
    path: "/apis/{id}/permissions",
    body: createApiSchema.pick({ permissions: true }),
    ok: [200, "ApiResource"],
  },
  {
    operationId: "listRoles",
    summary: "List roles with the API permissions they hold",
    tag: "Roles",
    method: "get",
    path: "/roles",
    ok: [200, "RoleList"],
  },
  {
    operationId: "createRole",
    summary: "Create a role",
    tag: "Roles",
    method: "post",
    path: "/roles",
    body: createRoleSchema,
    ok: [201, "Role"],
  },
  {
    operationId: "getRole",
    summary: "Read a role",
    tag: "Roles",
    method: "get",
    path: "/roles/{id}",
    ok: [200, "Role"],
  },
  {
    operationId: "updateRole",
    summary: "Change a role (permissions, when sent, is the whole list)",
    tag: "Roles",
    method: "patch",
    path: "/roles/{id}",
    body: updateRoleSchema,
    ok: [200, "Role"],
  },
  {
    operationId: "deleteRole",
    summary: "Delete a role; users, apps and access rules stop naming it",
    tag: "Roles",
    method: "delete",
    path: "/roles/{id}",
    ok: [204, null],
  },
  {
    operationId: "getUserRoles",
    summary: "The roles a user holds",
    tag: "Roles",
    method: "get",
    path: "/users/{id}/roles",
    ok: [200, "RoleNames"],
  },
  {
    operationId: "setUserRoles",
    summary: "Set the roles a user holds (the whole list)",
    tag: "Roles",
    method: "put",
    path: "/users/{id}/roles",
    body: roleListSchema,
    ok: [200, "RoleNames"],
  },
  {
    operationId: "getApplicationAccess",
    summary: "An app's API permissions, roles and who may sign in",
    tag: "Applications",
    method: "get",
    path: "/applications/{id}/access",
    ok: [200, "ApplicationAccess"],
  },
  {
    operationId: "updateApplicationAccess",
    summary: "Change an app's API permissions, roles or sign-in rule (each list sent replaces it)",
    tag: "Applications",
    method: "patch",
    path: "/applications/{id}/access",
    body: appAccessSchema,
    ok: [200, "ApplicationAccess"],
  },
  {
    operationId: "listUsers",
    summary: "List users, newest first",
    tag: "Users",
    method: "get",
    path: "/users",
    query: { search: z.string().optional(), ...page },
    ok: [200, "UserPage"],
  },
  {
    operationId: "createUser",
    summary: "Create a user",
    tag: "Users",
    method: "post",
    path: "/users",
    body: adminCreateUserSchema,
    ok: [201, "User"],
  },
  {
    operationId: "getUser",
    summary: "Read a user",
    tag: "Users",
    method: "get",
    path: "/users/{id}",
    ok: [200, "User"],
  },
  {
    operationId: "updateUser",
    summary: "Change a user's profile or role",
    tag: "Users",
    method: "patch",
    path: "/users/{id}",
    body: withVersion(updateUserSchema),
    ok: [200, "User"],
  },
  {
    operationId: "deleteUser",
    summary: "Delete a user with their grants and tokens",
    tag: "Users",
    method: "delete",
    path: "/users/{id}",
    ok: [204, null],
  },
  {
    operationId: "setUserPassword",
    summary: "Set a new password",
    tag: "Users",
    method: "put",
    path: "/users/{id}/password",
    body: setPasswordSchema,
    ok: [204, null],
  },
  {
    operationId: "endUserSessions",
    summary: "Sign a user out everywhere (sessions and tokens end; consent stays; apps get logout tokens)",
    tag: "Users",
    method: "delete",
    path: "/users/{id}/sessions",
    ok: [204, null],
  },
  {
    operationId: "getUserTwoFactor",
    summary: "A user's second factors (authenticator app, recovery codes left)",
    tag: "Users",
    method: "get",
    path: "/users/{id}/two-factor",
    ok: [200, "TwoFactorStatus"],
  },
  {
    operationId: "resetUserTwoFactor",
    summary: "Remove a user's second factors (the app and recovery codes); audited",
    tag: "Users",
    method: "delete",
    path: "/users/{id}/two-factor",
    ok: [204, null],
  },
  {
    operationId: "getTwoFactorSettings",
    summary: "Two-factor for everyone: off, optional or required",
    tag: "Settings",
    method: "get",
    path: "/settings/two-factor",
    ok: [200, "TwoFactorSettings"],
  },
  {
    operationId: "setTwoFactorSettings",
    summary: "Set two-factor for everyone (required: users without an app set one up at their next sign-in)",
    tag: "Settings",
    method: "put",
    path: "/settings/two-factor",
    body: twoFactorSettingsInput,
    ok: [200, "TwoFactorSettings"],
  },
  {
    operationId: "getSelfRegistrationSettings",
    summary: "Whether people may create their own accounts from the sign-in page",
    tag: "Settings",
    method: "get",
    path: "/settings/self-registration",
    ok: [200, "SelfRegistrationSettings"],
  },
  {
    operationId: "setSelfRegistrationSettings",
    summary: "Let people create their own accounts (refused with 409 while email is not configured)",
    tag: "Settings",
    method: "put",
    path: "/settings/self-registration",
    body: selfRegistrationInput,
    ok: [200, "SelfRegistrationSettings"],
  },
  {
    operationId: "setUserStatus",
    summary: "Suspend or reactivate a user",
    tag: "Users",
    method: "put",
    path: "/users/{id}/status",
    body: userStatusSchema,
    ok: [200, "User"],
  },
  {
    operationId: "listUserGrants",
    summary: "Third-party apps a user authorized",
    tag: "Grants",
    method: "get",
    path: "/users/{id}/grants",
    ok: [200, "ConnectedAppList"],
  },
  {
    operationId: "revokeUserGrant",
    summary: "Revoke what a user granted an app",
    tag: "Grants",
    method: "delete",
    path: "/users/{id}/grants/{clientId}",
    ok: [204, null],
  },
  {
    operationId: "listKeys",
    summary: "The signing keys in the JWKS (never key material)",
    tag: "Keys",
    method: "get",
    path: "/keys",
    ok: [200, "SigningKeyList"],
  },
  {
    operationId: "rotateKey",
    summary: "Publish a new signing key that takes over after the activation delay",
    tag: "Keys",
    method: "post",
    path: "/keys",
    body: rotateKeySchema,
    ok: [201, "SigningKey"],
  },
  {
    operationId: "inviteUser",
    summary: "Invite someone by email: the link lets them choose a password and verifies the address",
    tag: "Users",
    method: "post",
    path: "/users/invite",
    body: inviteUserSchema,
    ok: [201, "Invitation"],
  },
  {
    operationId: "sendVerificationEmail",
    summary: "Email a user a link that verifies their address (7 days, once)",
    tag: "Users",
    method: "post",
    path: "/users/{id}/verification",
    ok: [202, "VerificationSent"],
  },
  {
    operationId: "sendTestEmail",
    summary: "Send a test email through SMTP_URL (502 with the relay's answer when it fails)",
    tag: "Email",
    method: "post",
    path: "/mail/test",
    body: mailTestSchema,
    ok: [200, "MailTestResult"],
  },
  {
    operationId: "listAuditEvents",
    summary: "Read the audit log, newest first",
    tag: "Audit",
    method: "get",
    path: "/audit",
    query: auditQuerySchema.shape,
    ok: [200, "AuditPage"],
  },
];

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
}

const problems = {
  "400": "Invalid input: every invalid field is named in `errors`",
  "401": "No admin session and no valid bearer token",
  "403": "The token lacks the management scope, or a cross-site request",
  "404": "Not found",
  "409": "Conflict: a duplicate, or an edit based on a stale version",
};

/** The management API's OpenAPI 3.1 document, built from the zod schemas the API validates with. */
export function openApiDocument(appUrl: string, issuer: string) {
  // Registering the response schemas under their ids gives components that point at each other.
  const registry = z.registry<{ id: string }>();
  for (const schema of Object.values(responses)) {
    const id = (z.globalRegistry.get(schema) as { id?: string } | undefined)?.id;
    if (id) registry.add(schema, { id });
  }
  registry.add(z.array(responses.connectedAppSchema), { id: "ConnectedAppList" });
  const { schemas } = z.toJSONSchema(registry, {
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
  }) as {
    schemas: Record<string, JsonSchema>;
  };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const [status, component] = op.ok;
    const parameters = [
      ...pathParameters(op.path),
      ...Object.entries(op.query ?? {}).map(([name, schema]) => ({
        name,
        in: "query",
        required: false,
        schema: json(schema),
      })),
    ];
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      tags: [op.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(op.body
        ? { requestBody: { required: true, content: { "application/json": { schema: json(op.body) } } } }
        : {}),
      responses: {
        [String(status)]: {
          description: status === 204 ? "Done" : "OK",
          ...(component ? { content: { "application/json": { schema: ref(component) } } } : {}),
          ...(op.operationId === "exportApplications"
            ? { content: { "application/json": { schema: { type: "object" } } } }
            : {}),
        },
        ...Object.fromEntries(
          Object.entries(problems).map(([code, description]) => [
            code,
            { description, content: { "application/problem+json": { schema: ref("Problem") } } },
          ]),
        ),
      },
    };
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "Latchkey management API",
      version: "1",
      description:
        "Manage applications, users, grants, signing keys and the audit log. Authenticate with an admin's console session, or with an access token from the token endpoint: a machine-to-machine app allowed the management scope asks for it with client_credentials and resource set to this API.",
    },
    servers: [{ url: `${appUrl}/api/v1` }],
    security: [{ managementToken: [managementScope] }, { consoleSession: [] }],
    tags: ["Applications", "APIs", "Roles", "Users", "Grants", "Keys", "Settings", "Email", "Audit"].map((name) => ({
      name,
    })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        managementToken: {
          type: "oauth2",
          description: `client_credentials with resource=${appUrl}/api`,
          flows: {
            clientCredentials: { tokenUrl: `${issuer}/token`, scopes: { [managementScope]: "Manage Latchkey" } },
          },
        },
        consoleSession: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
    },
  };
}
