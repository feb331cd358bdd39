import type { Actor, AuditEventType } from "../audit/events";
import { changedFields, recordAudit } from "../audit/record";
import { hashPassword } from "../auth/password";
import { containsText, type Database, type Db } from "../db/client";
import { pageOf, pageSizeOf, searchTextOf } from "../db/paging";
import { ConflictError, NotFoundError } from "../errors";
import { revokeConnectedApp } from "../grants/connected-apps";
import { randomId } from "../ids";
import { queueLogoutsForAccount } from "../logout/queue";
import { clientIdParamSchema } from "../validation/client-id";
import { expectedVersion } from "../validation/numbers";
import { adminCreateUserSchema, setPasswordSchema, updateUserSchema } from "../validation/user";
import { userTaken } from "./service";

export type UserDetail = {
  id: string;
  email: string;
  name: string;
  /** Empty when not set; unique whatever its letter case. */
  username: string;
  givenName: string;
  familyName: string;
  locale: string;
  zoneinfo: string;
  emailVerified: boolean;
  phone: string;
  picture: string;
  role: "user" | "admin";
  status: "active" | "suspended";
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

type UserRow = Awaited<ReturnType<Db["user"]["findUniqueOrThrow"]>>;

function toDetail(user: UserRow): UserDetail {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    username: user.username ?? "",
    givenName: user.givenName,
    familyName: user.familyName,
    locale: user.locale,
    zoneinfo: user.zoneinfo,
    emailVerified: user.emailVerified,
    phone: user.phone ?? "",
    picture: user.picture ?? "",
    role: user.role as UserDetail["role"],
    status: user.status as UserDetail["status"],
    version: user.version,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

/** What the audit log shows of a user: the profile, role and status (a UserDetail has no password hash). */
function audited(user: UserDetail): Record<string, unknown> {
  const { id: _id, version: _version, createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = user;
  return fields;
}

export type UserPage = { items: UserDetail[]; total: number; page: number; pageCount: number; pageSize: number };

/**
 * One page of users, newest first, optionally those whose email or name contains `search`
 * (case-insensitive). The (createdAt) index serves the order.
 */
export async function listUsers(
  database: Database,
  query: { search?: string; page?: number; pageSize?: number },
): Promise<UserPage> {
  const db = database.prisma;
  const pageSize = pageSizeOf(query.pageSize, 25);
  const search = searchTextOf(query.search);
  const where = search
    ? { OR: [{ email: containsText(database, search.toLowerCase()) }, { name: containsText(database, search) }] }
    : {};
  const total = await db.user.count({ where });
  const { page, pageCount, query: pageQuery } = pageOf(total, query.page, pageSize);
  const rows = await db.user.findMany({ where, ...pageQuery });
  return { items: rows.map(toDetail), total, page, pageCount, pageSize };
}

export async function getUser(db: Db, id: string): Promise<UserDetail> {
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw new NotFoundError("User");
  return toDetail(user);
}

export async function createUserAsAdmin(db: Db, input: unknown, actor: Actor): Promise<UserDetail> {
  const data = adminCreateUserSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  return db
    .$transaction(async (tx) => {
      const user = toDetail(
        await tx.user.create({
          data: {
            id: randomId(),
            email: data.email,
            name: data.name,
            username: data.username || null,
            givenName: data.givenName,
            familyName: data.familyName,
            locale: data.locale,
            zoneinfo: data.zoneinfo,
            role: data.role,
            emailVerified: data.emailVerified,
            passwordHash,
          },
        }),
      );
      await recordAudit(tx, { type: "user.created", actor, userId: user.id, after: audited(user) });
      return user;
    })
    .catch(userTaken);
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Refuses to leave the database without an active admin (the change would lock everyone out). */
async function keepAnAdmin(tx: Tx, userId: string) {
  const others = await tx.user.count({ where: { role: "admin", status: "active", id: { not: userId } } });
  if (others === 0)
    throw new ConflictError("The last active admin cannot be demoted, suspended or deleted.", "last_admin");
}

/** Ends every session, grant and token of a user at once (suspension, deletion). */
async function endEverything(tx: Tx, userId: string) {
  await tx.oidcPayload.deleteMany({ where: { accountId: userId } });
  await tx.consoleSession.deleteMany({ where: { userId } });
}

/**
 * Signs a user out everywhere but keeps what they consented to (a password reset): their
 * sessions on the provider and on Latchkey's pages, and every code and token issued to them, so
 * neither the old password's sessions nor `prompt=none` nor a refresh token outlives the reset.
 */
async function endSessionsAndTokens(tx: Tx, userId: string, keepConsoleSession?: string) {
  await tx.oidcPayload.deleteMany({ where: { accountId: userId, model: { not: "Grant" } } });
  await tx.consoleSession.deleteMany({
    where: { userId, ...(keepConsoleSession ? { id: { not: keepConsoleSession } } : {}) },
  });
}

/**
 * A new password, however it was set (an admin, a reset link): stored, and the user signed out
 * everywhere with their apps told, in the caller's transaction. Links sent by email under the
 * old password stop working with it (their stamp no longer matches), and pending resets go.
 * `keepConsoleSession` (a session row's id) spares the session the user changed it from.
 */
export async function replacePassword(
  tx: Tx,
  userId: string,
  passwordHash: string,
  extra: { emailVerified?: true; keepConsoleSession?: string } = {},
) {
  const { keepConsoleSession, ...fields } = extra;
  const { count } = await tx.user.updateMany({
    where: { id: userId },
    data: { passwordHash, ...fields, version: { increment: 1 } },
  });
  if (count === 0) throw new NotFoundError("User");
  await tx.emailToken.deleteMany({ where: { userId, purpose: { in: ["reset", "invite", "email_change"] } } });
  await queueLogoutsForAccount(tx, userId, "sessions_ended");
  await endSessionsAndTokens(tx, userId, keepConsoleSession);
}

/**
 * Saves an admin's edit of a profile. With a `version` in the input, an edit based on an older
 * version is refused (409) and changes nothing.
 */
export async function updateUser(db: Db, id: string, input: unknown, actor: Actor): Promise<UserDetail> {
  const { version: expected, ...data } = updateUserSchema.extend(expectedVersion).parse(input);
  return db
    .$transaction(async (tx) => {
      const current = await tx.user.findUnique({ where: { id } });
      if (!current) throw new NotFoundError("User");
      const before = toDetail(current);
      if (data.role === "user" && before.role === "admin") {
        await keepAnAdmin(tx, id);
        // A demoted admin's console sessions end with the role, not at their next sign-in.
        await tx.consoleSession.deleteMany({ where: { userId: id } });
      }
      const { count } = await tx.user.updateMany({
        where: { id, version: expected ?? current.version },
        data: {
          ...data,
          ...(data.username !== undefined ? { username: data.username || null } : {}),
          ...(data.phone !== undefined ? { phone: data.phone || null } : {}),
          ...(data.picture !== undefined ? { picture: data.picture || null } : {}),
          version: { increment: 1 },
        },
      });
      if (count === 0)
        throw new ConflictError("This user was changed by someone else; reload to see their changes.", "stale_version");
      const after = toDetail(await tx.user.findUniqueOrThrow({ where: { id } }));
      const diff = changedFields(audited(before), audited(after));
      if (Object.keys(diff.after).length > 0)
        await recordAudit(tx, { type: "user.updated", actor, userId: id, ...diff });
      return after;
    })
    .catch(userTaken);
}

export async function setUserPassword(db: Db, id: string, input: unknown, actor: Actor): Promise<void> {
  const { password } = setPasswordSchema.parse(input);
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await replacePassword(tx, id, passwordHash);
    await recordAudit(tx, { type: "user.password_set", actor, userId: id });
  });
}

/**
 * Signs a user out everywhere at an admin's request, keeping their consent: their provider and
 * console sessions and the tokens issued to them end, and the apps they were signed in to are
 * sent a back-channel logout token.
 */
export async function endUserSessions(db: Db, id: string, actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { id: true } });
    if (!user) throw new NotFoundError("User");
    await queueLogoutsForAccount(tx, id, "sessions_ended");
    await endSessionsAndTokens(tx, id);
    await recordAudit(tx, { type: "user.signed_out", actor, userId: id });
  });
}

/**
 * Suspends or reactivates a user. Suspension is immediate: sessions, grants and tokens are
 * deleted, and the provider finds no account for the user, so refresh tokens fail at once.
 */
export async function setUserStatus(
  db: Db,
  id: string,
  status: "active" | "suspended",
  actor: Actor,
): Promise<UserDetail> {
  return db.$transaction(async (tx) => {
    const current = await tx.user.findUnique({ where: { id } });
    if (!current) throw new NotFoundError("User");
    if (current.status === status) return toDetail(current);
    if (status === "suspended") {
      if (current.role === "admin") await keepAnAdmin(tx, id);
      await queueLogoutsForAccount(tx, id, "suspended");
      await endEverything(tx, id);
    }
    const user = toDetail(await tx.user.update({ where: { id }, data: { status, version: { increment: 1 } } }));
    const type: AuditEventType = status === "suspended" ? "user.suspended" : "user.reactivated";
    await recordAudit(tx, { type, actor, userId: id, before: { status: current.status }, after: { status } });
    return user;
  });
}

/** Deletes a user with everything they hold: sessions, grants, tokens. */
export async function deleteUser(db: Db, id: string, actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await tx.user.findUnique({ where: { id } });
    if (!current) throw new NotFoundError("User");
    if (current.role === "admin") await keepAnAdmin(tx, id);
    await queueLogoutsForAccount(tx, id, "deleted");
    await endEverything(tx, id);
    await tx.user.delete({ where: { id } });
    await recordAudit(tx, { type: "user.deleted", actor, userId: id, before: audited(toDetail(current)) });
  });
}

/** An admin (or the user) takes back what a user granted an app; recorded as consent.revoked. */
export async function revokeUserGrant(db: Db, userId: string, clientId: string, actor: Actor): Promise<void> {
  clientIdParamSchema.parse({ clientId });
  const app = await db.application.findUnique({ where: { clientId }, select: { id: true } });
  await revokeConnectedApp(db, userId, clientId);
  await recordAudit(db, { type: "consent.revoked", actor, userId, applicationId: app?.id, before: { clientId } });
}
