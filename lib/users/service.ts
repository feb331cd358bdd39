import { hashPassword } from "../auth/password";
import type { Db } from "../db/client";
import { ConflictError, conflictOnUnique, isUniqueViolationOn } from "../errors";
import { randomId } from "../ids";
import { type CreateUserInput, createUserSchema, firstAdminSchema } from "../validation/user";
import type { UserDetail } from "./admin";

export type Role = "user" | "admin";

/** What the CLI shows of a user: a part of what the console shows (UserDetail). */
export type UserView = Pick<
  UserDetail,
  | "id"
  | "email"
  | "name"
  | "username"
  | "givenName"
  | "familyName"
  | "locale"
  | "zoneinfo"
  | "role"
  | "status"
  | "createdAt"
>;

type UserRow = Awaited<ReturnType<Db["user"]["findUniqueOrThrow"]>>;

/** A stored user as the CLI shows it; the database keeps the role and status as plain text. */
function toView(user: UserRow): UserView {
  const { id, email, name, givenName, familyName, locale, zoneinfo, createdAt } = user;
  const [role, status] = [user.role as Role, user.status as UserView["status"]];
  return {
    id,
    email,
    name,
    username: user.username ?? "",
    givenName,
    familyName,
    locale,
    zoneinfo,
    role,
    status,
    createdAt,
  };
}

export async function createUser(
  db: Db,
  input: CreateUserInput,
  role: Role = "user",
  options: { emailVerified?: boolean } = {},
): Promise<UserView> {
  const data = createUserSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  const { password: _, username, ...profile } = data;
  const emailVerified = options.emailVerified ?? false;
  const user = await db.user
    .create({ data: { id: randomId(), ...profile, username: username || null, passwordHash, role, emailVerified } })
    .catch(userTaken);
  return toView(user);
}

export async function countAdmins(db: Db): Promise<number> {
  return db.user.count({ where: { role: "admin" } });
}

/** Creates the first admin from INITIAL_ADMIN_EMAIL / INITIAL_ADMIN_PASSWORD when there is none. */
export async function ensureInitialAdmin(db: Db, email?: string, password?: string): Promise<UserView | undefined> {
  if (!email || !password) return undefined;
  if ((await countAdmins(db)) > 0) return undefined;
  const existing = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  if (existing) {
    const user = await db.user.update({ where: { id: existing.id }, data: { role: "admin" } });
    return toView(user);
  }
  try {
    return await createUser(db, { email, password, name: "Administrator" }, "admin");
  } catch (error) {
    // Another instance starting at the same moment created it first.
    if (error instanceof ConflictError) return undefined;
    throw error;
  }
}

/** An email already taken by another user: 409 naming the field, from any write that sets one. */
export const emailTaken = conflictOnUnique("A user with this email already exists.", { email: "emailTaken" });

/** An email or a username (whatever its letter case) already taken: 409 naming the field. */
export function userTaken(error: unknown): never {
  if (isUniqueViolationOn(error, "username"))
    throw new ConflictError("A user with this username already exists.", "duplicate", { username: "usernameTaken" });
  return emailTaken(error);
}

const FIRST_ADMIN_MARKER = "first-admin";

/**
 * Creates the first admin from the console's setup page, and only while there is no admin.
 * A marker row's primary key makes this succeed once even when two instances race.
 */
export async function createFirstAdmin(db: Db, input: unknown): Promise<UserView> {
  const data = firstAdminSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  return db
    .$transaction(async (tx) => {
      if ((await tx.user.count({ where: { role: "admin" } })) > 0) throw new ConflictError("An admin already exists");
      await tx.keyMaterial.create({ data: { id: FIRST_ADMIN_MARKER, kind: "marker", value: "" } });
      const user = await tx.user.upsert({
        where: { email: data.email },
        create: {
          id: randomId(),
          email: data.email,
          name: data.name,
          passwordHash,
          role: "admin",
          emailVerified: true,
        },
        update: { name: data.name, passwordHash, role: "admin", status: "active" },
      });
      return toView(user);
    })
    .catch(conflictOnUnique("An admin already exists"));
}
