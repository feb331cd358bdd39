import { verifyPassword } from "../auth/password";
import { type DirectSql, readDate } from "../db/direct-sql";
import type { ClaimsRow } from "../oidc/account";

/** A user as sign-in and the provider's findAccount read one: the claims, and whether it may sign in. */
export type AccountRow = ClaimsRow & { status: string };

const accountColumns = `"id", "email", "name", "username", "givenName", "familyName", "locale", "zoneinfo",
  "emailVerified", "phone", "picture", "address", "updatedAt", "status"`;

type StoredAccount = Omit<AccountRow, "emailVerified" | "updatedAt"> & { emailVerified: unknown; updatedAt: unknown };

/**
 * The User lookups every sign-in makes (by email for the password, by id for the session's
 * account, several times a flow), as prepared statements (lib/db/direct-sql.ts). The console
 * and the API keep reading users through Prisma.
 */
export function createSignInLookup(sql: DirectSql) {
  return {
    /** The active user whose email and password match, or undefined; unknown emails cost the same time. */
    async checkPassword(email: string, password: string): Promise<{ id: string; email: string } | undefined> {
      const [user] = await sql.all<{ id: string; email: string; passwordHash: string; status: string }>(
        `SELECT "id", "email", "passwordHash", "status" FROM "User" WHERE "email" = ?`,
        [email.trim().toLowerCase()],
      );
      const ok = await verifyPassword(user?.passwordHash, password);
      if (!ok || !user || user.status !== "active") return undefined;
      return { id: user.id, email: user.email };
    },

    async account(id: string): Promise<AccountRow | undefined> {
      const [row] = await sql.all<StoredAccount>(`SELECT ${accountColumns} FROM "User" WHERE "id" = ?`, [id]);
      if (!row) return undefined;
      // SQLite keeps booleans as 0 or 1 and dates as text.
      return { ...row, emailVerified: Boolean(row.emailVerified), updatedAt: readDate(row.updatedAt) ?? new Date(0) };
    },
  };
}

export type SignInLookup = ReturnType<typeof createSignInLookup>;
