import type { Account, AccountClaims, KoaContextWithOIDC } from "oidc-provider";
import type { Db } from "../db/client";
import type { SignInLookup } from "../users/sign-in-lookup";

/** The columns of a user its claims are made of. */
export type ClaimsRow = {
  id: string;
  email: string;
  name: string;
  username: string | null;
  givenName: string;
  familyName: string;
  locale: string;
  zoneinfo: string;
  emailVerified: boolean;
  phone: string | null;
  picture: string | null;
  address: string | null;
  updatedAt: Date;
};

/**
 * The claims of a user, keyed as OpenID Connect names them; oidc-provider filters by scope.
 * What the user has not set is undefined, so the claim is left out rather than sent empty.
 */
export function claimsOf(user: ClaimsRow, roles?: string[]): AccountClaims {
  return {
    sub: user.id,
    email: user.email,
    email_verified: user.emailVerified,
    name: user.name || undefined,
    preferred_username: user.username || undefined,
    given_name: user.givenName || undefined,
    family_name: user.familyName || undefined,
    locale: user.locale || undefined,
    zoneinfo: user.zoneinfo || undefined,
    picture: user.picture ?? undefined,
    phone_number: user.phone ?? undefined,
    phone_number_verified: user.phone ? false : undefined,
    address: user.address ? (JSON.parse(user.address) as AccountClaims["address"]) : undefined,
    updated_at: Math.floor(user.updatedAt.getTime() / 1000),
    roles,
  };
}

/**
 * oidc-provider's findAccount: only active users exist as far as tokens are concerned. At the
 * token endpoint (code, refresh token, device code) the app's access rule is checked again, so
 * a user who lost the role the app requires gets invalid_grant rather than fresh tokens.
 */
export function createFindAccount(
  db: Db,
  users: SignInLookup,
  mayUse: (clientId: string, accountId: string) => Promise<boolean> = async () => true,
) {
  return async (ctx: KoaContextWithOIDC, sub: string): Promise<Account | undefined> => {
    const user = await users.account(sub);
    if (user?.status !== "active") return undefined;
    const clientId = ctx.oidc?.route === "token" ? ctx.oidc.client?.clientId : undefined;
    if (clientId && !(await mayUse(clientId, user.id))) return undefined;
    return {
      accountId: user.id,
      // Role names are read only when the `roles` scope asks for them (they cost a query).
      claims: async (_use, scope) => {
        if (!scope.split(" ").includes("roles")) return claimsOf(user);
        const held = await db.userRole.findMany({
          where: { userId: user.id },
          select: { role: { select: { name: true } } },
        });
        return claimsOf(user, held.map(({ role }) => role.name).sort());
      },
    };
  };
}
