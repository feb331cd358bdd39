import { decode } from "next-auth/jwt";
import type { Db } from "../db/client";
import { randomSecret } from "../ids";
import { hashSecret } from "../oidc/client-store";

/** A session on Latchkey's own pages ends after this long without a request. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** How stale `lastSeenAt` may get before a request writes it again (one write a minute, not one per request). */
const TOUCH_AFTER_MS = 60 * 1000;

/** Someone signed in to Latchkey's own pages, as the database says now. */
export type SessionUser = { id: string; email: string; name: string; role: string };

export type SessionKind = "console" | "account";

/**
 * Opens a session row for a fresh sign-in and returns the value the session cookie carries. The
 * database keeps only its hash: a copy of the database names no session anyone could present.
 */
export async function openSession(db: Db, userId: string, kind: SessionKind): Promise<string> {
  const sessionId = randomSecret();
  await db.consoleSession.create({ data: { id: hashSecret(sessionId), userId, kind } });
  return sessionId;
}

/** Ends one session on every instance (sign-out). */
export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.consoleSession.deleteMany({ where: { id: hashSecret(sessionId) } });
}

/**
 * The user a session belongs to, or undefined when the session was ended, has been idle too long,
 * or its user is no longer active. Refreshes the idle clock at most once a minute.
 */
export async function sessionUser(db: Db, sessionId: string, now = Date.now()): Promise<SessionUser | undefined> {
  const id = hashSecret(sessionId);
  const row = await db.consoleSession.findUnique({
    where: { id },
    select: {
      lastSeenAt: true,
      user: { select: { id: true, email: true, name: true, role: true, status: true } },
    },
  });
  if (!row) return undefined;
  const idle = now - row.lastSeenAt.getTime();
  if (idle > SESSION_IDLE_MS) {
    await db.consoleSession.deleteMany({ where: { id } });
    return undefined;
  }
  if (row.user.status !== "active") return undefined;
  if (idle > TOUCH_AFTER_MS) await db.consoleSession.updateMany({ where: { id }, data: { lastSeenAt: new Date(now) } });
  const { status: _status, ...user } = row.user;
  return user;
}

/** next-auth's session cookie: `__Secure-` prefixed when the site is served over https. */
export function sessionCookieName(appUrl: string): string {
  return appUrl.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/**
 * The session cookie's value from a Cookie header, rejoining the chunks next-auth splits a
 * large cookie into (`name.0`, `name.1`, ...).
 */
export function readSessionCookie(cookieHeader: string | null | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  let whole: string | undefined;
  const chunks: string[] = [];
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === name) whole = value;
    else if (key.startsWith(`${name}.`)) {
      const index = Number(key.slice(name.length + 1));
      if (Number.isSafeInteger(index) && index >= 0 && index < 16) chunks[index] = value;
    }
  }
  if (whole) return whole;
  if (!chunks.length) return undefined;
  // A missing chunk means a damaged cookie, not a shorter one.
  for (let i = 0; i < chunks.length; i++) if (chunks[i] === undefined) return undefined;
  return chunks.join("");
}

/** The session id inside next-auth's encrypted cookie, or undefined when absent, forged or expired. */
export async function sessionIdFromCookie(
  cookieHeader: string | null | undefined,
  appUrl: string,
  secret: string,
): Promise<string | undefined> {
  const token = readSessionCookie(cookieHeader, sessionCookieName(appUrl));
  if (!token) return undefined;
  try {
    const payload = await decode({ token, secret });
    return typeof payload?.sid === "string" ? payload.sid : undefined;
  } catch {
    return undefined;
  }
}
