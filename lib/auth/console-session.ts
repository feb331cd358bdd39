import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { NextAuthOptions } from "next-auth";
import { cache } from "react";
import type { BuiltInClient } from "../console/built-in-clients";
import { currentPath } from "../console/navigation";
import { sameOriginUrl } from "../console/return-path";
import { type Runtime, runtime } from "../runtime";
import { countAdmins } from "../users/service";
import {
  endSession,
  openSession,
  SESSION_IDLE_MS,
  type SessionUser,
  sessionIdFromCookie,
  sessionUser,
} from "./sessions";

export type { SessionUser } from "./sessions";

type LatchkeyProfile = { sub: string; email?: string; name?: string };

/** An admin signed in to the console. */
export type ConsoleAdmin = SessionUser;

/**
 * next-auth's configuration: one session, two built-in OpenID clients of this provider (the
 * console and the account page). The browser goes to the provider's public authorization
 * endpoint; the token exchange and key fetch go straight to this process.
 *
 * next-auth's cookie only carries the id of a session row (see sessions.ts), so a session ends
 * on the server: at sign-out, after 8 hours idle, or when its user changes.
 */
export function consoleAuthOptions(rt: Runtime = runtime()): NextAuthOptions {
  const internal = `${rt.internalUrl()}/oidc`;
  const db = rt.database.prisma;
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
    session: { strategy: "jwt", maxAge: SESSION_IDLE_MS / 1000 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [provider(rt.console.console), provider(rt.console.account)],
    callbacks: {
      // Only back to this site, read as a browser would (see safeReturnPath).
      redirect: ({ url, baseUrl }) => sameOriginUrl(url, baseUrl)?.href ?? baseUrl,
      async signIn({ user, account }) {
        const found = await db.user.findUnique({ where: { id: user.id }, select: { role: true, status: true } });
        if (found?.status !== "active") return false;
        // The console is for admins; anyone may see their own account page.
        if (account?.provider === rt.console.console.providerId && found.role !== "admin") {
          return "/sign-in?error=not_admin";
        }
        return true;
      },
      async jwt({ token, user, account }) {
        // A fresh sign-in: open the session row the cookie will name from now on.
        if (account && user) {
          const kind = account.provider === rt.console.console.providerId ? "console" : "account";
          token.sid = await openSession(db, user.id, kind);
          return token;
        }
        // next-auth's own session endpoint: an ended session yields nothing (next-auth clears the cookie).
        if (typeof token.sid !== "string" || !(await sessionUser(db, token.sid))) throw new Error("session ended");
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
    logger: {
      // An ended session is not an error worth a log line; anything else is logged without its metadata.
      error: (code, metadata) => {
        if (code === "JWT_SESSION_ERROR") return;
        const cause = metadata instanceof Error ? metadata : (metadata as { error?: unknown })?.error;
        rt.log.error("next-auth error", { code, message: cause instanceof Error ? cause.message : undefined });
      },
      warn: () => {},
      debug: () => {},
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(db, token.sid);
      },
    },
  };
}

/**
 * The signed-in user of this request, or undefined; read once per request. The cookie alone is
 * not trusted: its session row must still exist and its user be active, so a signed-out,
 * suspended or deleted user loses Latchkey's pages at their next request.
 */
export const currentUser = cache(async (): Promise<SessionUser | undefined> => {
  const rt = runtime();
  const cookie = (await headers()).get("cookie");
  const sessionId = await sessionIdFromCookie(cookie, rt.env.APP_URL, rt.console.sessionSecret);
  return sessionId ? sessionUser(rt.database.prisma, sessionId) : undefined;
});

/** The admin of this request, or undefined (a demoted admin loses the console at once). */
export async function currentAdmin(): Promise<ConsoleAdmin | undefined> {
  const user = await currentUser();
  return user?.role === "admin" ? user : undefined;
}

/**
 * The admin of this request, or a redirect to sign-in (or to setup on an empty database). Every
 * console page, layout, metadata function and loader calls this before it reads anything: Next
 * renders a layout and its pages in parallel, so a layout's check protects nothing below it.
 */
export const requireAdmin = cache(async (): Promise<ConsoleAdmin> => {
  const admin = await currentAdmin();
  if (admin) return admin;
  if ((await countAdmins(runtime().database.prisma)) === 0) redirect("/setup");
  redirect(`/sign-in?${new URLSearchParams({ callbackUrl: await currentPath() })}`);
});
