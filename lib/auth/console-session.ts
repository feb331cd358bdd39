import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import { CONSOLE_PROVIDER_ID } from "../console/client";
import { type Runtime, runtime } from "../runtime";

type LatchkeyProfile = { sub: string; email?: string; name?: string };

/** An admin signed in to the console, checked against the database on every request. */
export type ConsoleAdmin = { id: string; email: string; name: string };

/**
 * next-auth's configuration. The console is an OpenID client of the built-in provider: the
 * browser goes to the provider's public authorization endpoint, and the token exchange and key
 * fetch go straight to this process (no trip through a proxy or public DNS).
 */
export function consoleAuthOptions(rt: Runtime = runtime()): NextAuthOptions {
  const internal = `${rt.internalUrl()}/oidc`;
  return {
    secret: rt.console.sessionSecret,
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      {
        id: CONSOLE_PROVIDER_ID,
        name: "Latchkey",
        type: "oauth",
        issuer: rt.env.ISSUER,
        clientId: rt.console.clientId,
        clientSecret: rt.console.clientSecret,
        authorization: { url: `${rt.env.ISSUER}/auth`, params: { scope: "openid profile email" } },
        token: `${internal}/token`,
        userinfo: `${internal}/me`,
        jwks_endpoint: `${internal}/jwks`,
        idToken: true,
        checks: ["pkce", "state", "nonce"],
        profile(profile: LatchkeyProfile) {
          return { id: profile.sub, email: profile.email ?? "", name: profile.name ?? "" };
        },
      },
    ],
    callbacks: {
      async signIn({ user }) {
        return (await findAdmin(rt, user.id)) ? true : "/sign-in?error=not_admin";
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
  };
}

async function findAdmin(rt: Runtime, id: string | undefined): Promise<ConsoleAdmin | undefined> {
  if (!id) return undefined;
  const user = await rt.database.prisma.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, status: true },
  });
  if (!user || user.role !== "admin" || user.status !== "active") return undefined;
  return { id: user.id, email: user.email, name: user.name };
}

/**
 * The admin of this request, or undefined. The session cookie alone is not trusted: an admin
 * who was demoted, suspended or deleted loses the console at their next request.
 */
export async function currentAdmin(): Promise<ConsoleAdmin | undefined> {
  const rt = runtime();
  const session = await getServerSession(consoleAuthOptions(rt));
  const id = (session?.user as { id?: string } | undefined)?.id;
  return findAdmin(rt, id);
}
