import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";

/** Long enough for a fingerprint or a PIN; WebAuthn's own timeout (the options' `timeout`) is shorter. */
export const CHALLENGE_LIFETIME_MS = 5 * 60 * 1000;

export type ChallengePurpose = "register" | "sign_in" | "second_factor";

/** What a challenge is bound to: a response is accepted only under the same binding. */
export type ChallengeBinding = { purpose: ChallengePurpose; userId?: string; interactionUid?: string };

/**
 * Challenges kept per binding: the sign-in page asks for one for the browser's autofill and one
 * for its button, and a retry asks again; older ones go, so a loop of requests cannot grow the table.
 */
const KEPT_PER_BINDING = 4;

/** A new challenge, stored server-side under its binding (the background purge removes expired ones). */
export async function issueChallenge(db: Db, binding: ChallengeBinding, now = Date.now()): Promise<string> {
  const challenge = randomBytes(32).toString("base64url");
  const bound = {
    purpose: binding.purpose,
    userId: binding.userId ?? null,
    interactionUid: binding.interactionUid ?? null,
  };
  const older = await db.passkeyChallenge.findMany({
    where: bound,
    orderBy: { createdAt: "desc" },
    skip: KEPT_PER_BINDING - 1,
    select: { challenge: true },
  });
  if (older.length)
    await db.passkeyChallenge.deleteMany({ where: { challenge: { in: older.map((row) => row.challenge) } } });
  await db.passkeyChallenge.create({
    data: {
      challenge,
      purpose: binding.purpose,
      userId: binding.userId ?? null,
      interactionUid: binding.interactionUid ?? null,
      createdAt: new Date(now),
      expiresAt: new Date(now + CHALLENGE_LIFETIME_MS),
    },
  });
  return challenge;
}

/**
 * Takes a challenge a response claims to answer: true once, when it was issued under this binding
 * and has not expired. The row is deleted by a conditional delete, so of two requests racing with
 * one response only one gets it, and a replayed response finds nothing.
 */
export async function takeChallenge(
  db: Db,
  challenge: string,
  binding: ChallengeBinding,
  now = Date.now(),
): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(challenge)) return false;
  const taken = await db.passkeyChallenge.deleteMany({
    where: {
      challenge,
      purpose: binding.purpose,
      userId: binding.userId ?? null,
      interactionUid: binding.interactionUid ?? null,
      expiresAt: { gt: new Date(now) },
    },
  });
  return taken.count === 1;
}
