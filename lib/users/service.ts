import { hashPassword, verifyPassword } from "../auth/password";
import type { Db } from "../db/client";
import { ConflictError, conflictOnUnique } from "../errors";
import { randomId } from "../ids";
import { type CreateUserInput, createUserSchema, firstAdminSchema } from "../validation/user";
import type { UserDetail } from "./admin";

export type Role = "user" | "admin";

/** What the CLI shows of a user: a part of what the console shows (UserDetail). */
export type UserView = Pick<UserDetail, "id" | "email" | "name" | "role" | "status" | "createdAt">;

/** A stored user as the CLI shows it; the database keeps the role and status as plain text. */
function toView({
  id,
  email,
  name,
  role,
  status,
  createdAt,
}: Record<"role" | "status", string> & Omit<UserView, "role" | "status">): UserView {
  return { id, email, name, role: role as Role, status: status as UserView["status"], createdAt };
}

export async function createUser(
  db: Db,
  input: CreateUserInput,
  role: Role = "user",
  options: { emailVerified?: boolean } = {},
): Promise<UserView> {
  const data = createUserSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  const emailVerified = options.emailVerified ?? false;
  const user = await db.user
    .create({ data: { id: randomId(), email: data.email, name: data.name, passwordHash, role, emailVerified } })
    .catch(emailTaken);
  return toView(user);
}

/** The user whose email and password match, or undefined; unknown emails cost the same time. */
export async function authenticate(db: Db, email: string, password: string): Promise<UserView | undefined> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!ok || !user || user.status !== "active") return undefined;
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

/** An email already taken by another user: 409, from any write that sets one. */
export const emailTaken = conflictOnUnique("A user with this email already exists.");

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
