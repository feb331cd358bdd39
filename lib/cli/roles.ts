import { appAccess, updateAppAccess } from "../apis/app-access";
import { createRole, findRole, listRoles, type RoleView, setUserRoles, userRoleNames } from "../apis/roles";
import { findApplicationByClientId, updateApplication } from "../applications/service";
import { cliActor } from "../audit/events";
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import { updateApplicationSchema } from "../validation/application";
import { type Command, options, required } from "./args";
import type { Output } from "./output";
import { UsageError } from "./usage-error";

/** `--permission "https://wiki.example.com/api read:pages write:pages"`: an API, then its permissions. */
function permissionRefs(flags: string[], flag: string) {
  return flags.flatMap((value) => {
    const [indicator, ...names] = value.trim().split(/\s+/);
    if (!indicator || names.length === 0) throw new UsageError(`${flag} takes "URI permission [permission ...]"`);
    return names.map((name) => ({ indicator, name }));
  });
}

const list = (value: unknown) => ((value as string[] | undefined) ?? []).filter((item) => item !== "");

function printRole(out: Output, role: RoleView) {
  if (out.json) return out.write(`${JSON.stringify(role)}\n`);
  out.write(`${role.name}  (id ${role.id})\n`);
  for (const p of role.permissions) out.write(`  ${p.indicator} ${p.name}\n`);
}

async function userByEmail(db: Db, email: string) {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  if (!user) throw new NotFoundError(`User ${email}`);
  return user.id;
}

/** `users roles add|remove EMAIL ROLE`: one role more or less, the others kept. */
const changeUserRole =
  (add: boolean): Command =>
  async (database, args, out) => {
    const { positionals } = options(args, {});
    if (positionals.length !== 2)
      throw new UsageError(`users roles ${add ? "add" : "remove"} takes an email and a role`);
    const [email, role] = positionals;
    const db = database.prisma;
    const userId = await userByEmail(db, email);
    const held = await userRoleNames(db, userId);
    const roles = add ? [...held, role] : held.filter((name) => name !== role);
    const now = await setUserRoles(db, userId, { roles }, cliActor);
    if (out.json) return out.write(`${JSON.stringify({ email, roles: now })}\n`);
    out.write(`${email} holds ${now.length ? now.join(", ") : "no role"}\n`);
  };

async function printAccess(out: Output, db: Db, applicationId: string, clientId: string) {
  const access = await appAccess(db, applicationId);
  if (out.json) return out.write(`${JSON.stringify({ clientId, ...access })}\n`);
  out.write(`API permissions: ${access.apiPermissions.map((p) => `${p.indicator} ${p.name}`).join(", ") || "none"}\n`);
  out.write(`Who may sign in: ${access.accessRoles.length ? access.accessRoles.join(", ") : "everyone"}\n`);
  if (access.roles.length) out.write(`Roles: ${access.roles.join(", ")}\n`);
}

export const roleCommands: Record<string, Command> = {
  "roles create": async (database, args, out) => {
    const { values } = options(args, {
      name: { type: "string" },
      description: { type: "string" },
      permission: { type: "string", multiple: true },
    });
    const input = {
      name: required(values, "name"),
      description: (values.description as string | undefined) ?? "",
      permissions: permissionRefs(list(values.permission), "--permission"),
    };
    printRole(out, await createRole(database.prisma, input, cliActor));
  },
  "roles list": async (database, args, out) => {
    options(args, {});
    const roles = await listRoles(database.prisma);
    if (out.json) return out.write(`${JSON.stringify({ items: roles })}\n`);
    if (roles.length === 0) return out.write("No roles\n");
    for (const role of roles) out.write(`${role.name}  ${role.permissions.length} permissions\n`);
  },
  "roles show": async (database, args, out) => {
    const { positionals } = options(args, {});
    if (positionals.length !== 1) throw new UsageError("roles show takes one role name or id");
    printRole(out, await findRole(database.prisma, positionals[0]));
  },
  "users roles": async (database, args, out) => {
    const [action, ...rest] = args;
    if (action === "add" || action === "remove") return changeUserRole(action === "add")(database, rest, out);
    throw new UsageError("users roles takes add or remove, an email and a role");
  },
  "apps permissions": async (database, args, out) => {
    const [action, ...rest] = args;
    if (action !== "set")
      throw new UsageError('apps permissions takes set CLIENT_ID [--scope S ...] [--api "URI P ..." ...]');
    const { values, positionals } = options(rest, {
      scope: { type: "string", multiple: true },
      api: { type: "string", multiple: true },
    });
    if (positionals.length !== 1) throw new UsageError("apps permissions set takes one client ID");
    const db = database.prisma;
    const app = await findApplicationByClientId(db, positionals[0]);
    const scopes = values.scope === undefined ? undefined : list(values.scope);
    // Both checked before either is written, so a bad scope leaves the API permissions as they were.
    if (scopes) updateApplicationSchema(app.type).parse({ allowedScopes: scopes });
    if (values.api !== undefined)
      await updateAppAccess(db, app.id, { apiPermissions: permissionRefs(list(values.api), "--api") }, cliActor);
    if (scopes) await updateApplication(db, app.id, { allowedScopes: scopes }, cliActor);
    await printAccess(out, db, app.id, app.clientId);
  },
  "apps access": async (database, args, out) => {
    const [action, ...rest] = args;
    if (action !== "set") throw new UsageError("apps access takes set CLIENT_ID [--role R ...] (no role: everyone)");
    const { values, positionals } = options(rest, { role: { type: "string", multiple: true } });
    if (positionals.length !== 1) throw new UsageError("apps access set takes one client ID");
    const app = await findApplicationByClientId(database.prisma, positionals[0]);
    await updateAppAccess(database.prisma, app.id, { accessRoles: list(values.role) }, cliActor);
    await printAccess(out, database.prisma, app.id, app.clientId);
  },
  "apps roles": async (database, args, out) => {
    const [action, ...rest] = args;
    if (action !== "set") throw new UsageError("apps roles takes set CLIENT_ID --role R [...]");
    const { values, positionals } = options(rest, { role: { type: "string", multiple: true } });
    if (positionals.length !== 1) throw new UsageError("apps roles set takes one client ID");
    const app = await findApplicationByClientId(database.prisma, positionals[0]);
    await updateAppAccess(database.prisma, app.id, { roles: list(values.role) }, cliActor);
    await printAccess(out, database.prisma, app.id, app.clientId);
  },
};
