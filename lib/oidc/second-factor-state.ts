import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Who got the password right in an interaction and still owes a second factor. It rides in a
 * cookie scoped to that interaction's path and signed with the server's key, so nothing is
 * recorded with oidc-provider until the second factor is in: the interaction holds no login
 * result that its resume endpoint could be tricked into finishing early.
 */
export type PendingSignIn = {
  uid: string;
  userId: string;
  /** What was used so far (`pwd`). */
  amr: string[];
  /** The user set up an authenticator app during this sign-in and typed its code. */
  enrolled?: boolean;
  /** Milliseconds since the epoch. */
  exp: number;
};

const COOKIE = "latchkey.second_factor";
/** Long enough to find the phone and the app; the interaction itself lasts an hour. */
const LIFETIME_MS = 10 * 60 * 1000;

export function createPendingSignIns(key: string, secure: boolean) {
  const mac = (payload: string) => createHmac("sha256", key).update(`second-factor\n${payload}`).digest("base64url");
  const path = (uid: string) => `/interaction/${uid}`;

  function set(res: ServerResponse, pending: Omit<PendingSignIn, "exp">) {
    const payload = Buffer.from(JSON.stringify({ ...pending, exp: Date.now() + LIFETIME_MS })).toString("base64url");
    const attributes = [`Path=${path(pending.uid)}`, "HttpOnly", "SameSite=Lax", `Max-Age=${LIFETIME_MS / 1000}`];
    if (secure) attributes.push("Secure");
    res.appendHeader("set-cookie", `${COOKIE}=${payload}.${mac(payload)}; ${attributes.join("; ")}`);
  }

  function clear(res: ServerResponse, uid: string) {
    res.appendHeader("set-cookie", `${COOKIE}=; Path=${path(uid)}; HttpOnly; SameSite=Lax; Max-Age=0`);
  }

  /** The pending sign-in of interaction `uid`, when the request carries a valid, unexpired one. */
  function read(req: IncomingMessage, uid: string): PendingSignIn | undefined {
    const value = (req.headers.cookie ?? "")
      .split(";")
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${COOKIE}=`))
      ?.slice(COOKIE.length + 1);
    if (!value) return undefined;
    const [payload, signature] = value.split(".");
    if (!payload || !signature) return undefined;
    const expected = Buffer.from(mac(payload));
    const actual = Buffer.from(signature);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
    try {
      const pending = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as PendingSignIn;
      return pending.uid === uid && pending.exp > Date.now() ? pending : undefined;
    } catch {
      return undefined;
    }
  }

  return { set, clear, read };
}
