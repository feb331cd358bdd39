import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import type { BuiltInClient } from "../console/client";
import { sameOriginUrl } from "../console/return-path";
import { type Runtime, runtime } from "../runtime";

type LatchkeyProfile = { sub: string; email?: string; name?: string };

/** Someone signed in to Latchkey's own pages, checked against the database on every request. */
export type SessionUser = { id: string; email: string; name: string; role: string };
/** An admin signed in to the console. */
export type ConsoleAdmin = SessionUser;

/**
 * next-auth's configuration: one session, two built-in OpenID clients of this provider (the
 * console and the account page). The browser goes to the provider's public authorization
 * endpoint; the token exchange and key fetch go straight to this process.
 */
export function consoleAuthOptions(rt: Runtime = runtime()): NextAuthOptions {
  const internal = `${rt.internalUrl()}/oidc`;
  const provider = (client: BuiltInClient) => ({
    id: client.providerId,
    name: client.name,
    type: "oauth" as const,
    issuer: rt.env.ISSUER,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    authorization: { url: `${rt.env.ISSUER}/auth`, params: { scope: "openid profile email" } },
    token: `${internal}/token`,
    userinfo: `${internal}/me`,
    jwks_endpoint: `${internal}/jwks`,
    idToken: true,
    checks: ["pkce", "state", "nonce"] as ("pkce" | "state" | "nonce")[],
    profile(profile: LatchkeyProfile) {
      return { id: profile.sub, email: profile.email ?? "", name: profile.name ?? "" };
    },
  });
  return {
    secret: rt.console.sessionSecret,
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [provider(rt.console.console), provider(rt.console.account)],
    callbacks: {
      // Only back to this site, read as a browser would (see safeReturnPath).
      redirect: ({ url, baseUrl }) => sameOriginUrl(url, baseUrl)?.href ?? baseUrl,
      async signIn({ user, account }) {
        const found = await findUser(rt, user.id);
        if (!found) return false;
        // The console is for admins; anyone may see their own account page.
        if (account?.provider === rt.console.console.providerId && found.role !== "admin") {
          return "/sign-in?error=not_admin";
        }
        return true;
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
  };
}

async function findUser(rt: Runtime, id: string | undefined): Promise<SessionUser | undefined> {
  if (!id) return undefined;
  const user = await rt.database.prisma.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, status: true },
  });
  if (user?.status !== "active") return undefined;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/**
 * The signed-in user of this request, or undefined. The session cookie alone is not trusted: a
 * suspended or deleted user loses Latchkey's pages at their next request.
 */
export async function currentUser(): Promise<SessionUser | undefined> {
  const rt = runtime();
  const session = await getServerSession(consoleAuthOptions(rt));
  return findUser(rt, (session?.user as { id?: string } | undefined)?.id);
}

/** The admin of this request, or undefined (a demoted admin loses the console at once). */
export async function currentAdmin(): Promise<ConsoleAdmin | undefined> {
  const user = await currentUser();
  return user?.role === "admin" ? user : undefined;
}
