import type { Actor } from "../audit/events";
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { ConflictError, NotFoundError } from "../errors";
import { randomId } from "../ids";
import { type Kek, unwrap, wrap } from "../secrets/envelope";
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCode, RECOVERY_CODE_COUNT } from "./recovery-codes";
import { matchingStep, newTotpSecret } from "./totp";

/** The associated data of a TOTP secret's envelope: it decrypts only in its own row. */
const secretContext = (userId: string) => `TotpFactor secret ${userId}`;
const revealContext = (userId: string) => `TotpFactor recovery ${userId}`;

/** What a second factor check accepted: the app's code, or one of the recovery codes. */
export type SecondFactorMethod = "otp" | "recovery_code";

export type TwoFactorStatus = {
  totp: { enabledAt: Date; lastUsedAt: Date | null } | null;
  recoveryCodesLeft: number;
  /** The user's passkeys (lib/passkeys): each also counts as a second factor. */
  passkeys: { name: string; createdAt: Date; lastUsedAt: Date | null }[];
};

/** A user's second factors, as the account page and the console show them. */
export async function twoFactorStatus(db: Db, userId: string): Promise<TwoFactorStatus> {
  const [factor, recoveryCodesLeft, passkeys] = await Promise.all([
    db.totpFactor.findUnique({ where: { userId } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
    db.passkey.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { name: true, createdAt: true, lastUsedAt: true },
    }),
  ]);
  const totp = factor?.confirmedAt ? { enabledAt: factor.confirmedAt, lastUsedAt: factor.lastUsedAt } : null;
  return { totp, recoveryCodesLeft: totp ? recoveryCodesLeft : 0, passkeys };
}

/** Whether the user has a second factor that sign-in must ask for: an authenticator app or a passkey. */
export async function hasSecondFactor(db: Db, userId: string): Promise<boolean> {
  const factors = await secondFactors(db, userId);
  return factors.totp || factors.passkey;
}

/** Which second factors the user has: the second step offers each. */
export async function secondFactors(db: Db, userId: string): Promise<{ totp: boolean; passkey: boolean }> {
  const [factor, passkeys] = await Promise.all([
    db.totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    db.passkey.count({ where: { userId } }),
  ]);
  return { totp: Boolean(factor?.confirmedAt), passkey: passkeys > 0 };
}

/**
 * How long a started set-up can be finished. Starting asks for the current password; finishing
 * (the code from the app) does not, so a set-up left open on a shared computer must not stay
 * finishable by whoever sits down next.
 */
export const PENDING_TOTP_MS = 10 * 60_000;

const stale = (factor: { createdAt: Date }, now: number) => now - factor.createdAt.getTime() > PENDING_TOTP_MS;

/**
 * Starts (or resumes) adding an authenticator app: a new secret, stored encrypted and unconfirmed
 * until a code from the app proves the user copied it. An unconfirmed secret is reused while it
 * is fresh, so reloading the page keeps the QR code the user may already have scanned; an older
 * one is replaced.
 */
export async function startTotp(db: Db, kek: Kek, userId: string, now = Date.now()): Promise<string> {
  const existing = await db.totpFactor.findUnique({ where: { userId } });
  if (existing?.confirmedAt) throw new ConflictError("An authenticator app is already set up.");
  if (existing && !stale(existing, now)) return unwrap(kek, existing.secret, secretContext(userId));
  const secret = newTotpSecret();
  const fresh = { secret: wrap(kek, secret, secretContext(userId)), createdAt: new Date(now) };
  await db.totpFactor.upsert({
    where: { userId },
    create: { userId, ...fresh },
    // Another tab started at the same moment: keep what it stored (the page reads it back). A
    // stale set-up is replaced (it can no longer be confirmed: see pendingTotpSecret).
    update: existing ? fresh : {},
  });
  const stored = await db.totpFactor.findUniqueOrThrow({ where: { userId } });
  return unwrap(kek, stored.secret, secretContext(userId));
}

/** The secret of an authenticator app being added (not yet confirmed, started within PENDING_TOTP_MS), if any. */
export async function pendingTotpSecret(
  db: Db,
  kek: Kek,
  userId: string,
  now = Date.now(),
): Promise<string | undefined> {
  const factor = await db.totpFactor.findUnique({ where: { userId } });
  if (!factor || factor.confirmedAt || stale(factor, now)) return undefined;
  return unwrap(kek, factor.secret, secretContext(userId));
}

/**
 * Confirms the app being added with a code from it. On success, in one transaction: the app is
 * on, any old recovery codes are replaced by RECOVERY_CODE_COUNT new ones (stored hashed), and the
 * event is audited. Returns the new codes (the only time they exist in clear), or undefined for a
 * wrong code.
 */
export async function confirmTotp(
  db: Db,
  kek: Kek,
  userId: string,
  code: string,
  context: { actor: Actor; ip?: string },
  now = Date.now(),
): Promise<string[] | undefined> {
  const secret = await pendingTotpSecret(db, kek, userId, now);
  if (!secret) throw new NotFoundError("Authenticator app being added");
  const step = matchingStep(secret, code, now);
  if (step === undefined) return undefined;
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const at = new Date(now);
  await db.$transaction(async (tx) => {
    const confirmed = await tx.totpFactor.updateMany({
      where: { userId, confirmedAt: null },
      data: { confirmedAt: at, lastStep: step, lastUsedAt: at },
    });
    if (confirmed.count !== 1) throw new ConflictError("An authenticator app is already set up.");
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({
      data: codes.map((c) => ({ id: randomId(), userId, hash: hashRecoveryCode(c), createdAt: at })),
    });
    await recordAudit(tx, {
      type: "two_factor.enrolled",
      actor: context.actor,
      userId,
      after: { method: "totp", recoveryCodes: codes.length },
      ip: context.ip,
    });
  });
  return codes;
}

/** New recovery codes for a user whose app is on: the old ones stop working, in one transaction. */
export async function replaceRecoveryCodes(db: Db, userId: string, context: { actor: Actor; ip?: string }) {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.$transaction(async (tx) => {
    const factor = await tx.totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true } });
    if (!factor?.confirmedAt) throw new NotFoundError("Authenticator app");
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({
      data: codes.map((c) => ({ id: randomId(), userId, hash: hashRecoveryCode(c) })),
    });
    await recordAudit(tx, {
      type: "two_factor.recovery_codes_replaced",
      actor: context.actor,
      userId,
      after: { recoveryCodes: codes.length },
      ip: context.ip,
    });
  });
  return codes;
}

/**
 * Keeps new recovery codes, encrypted, for the one page view that shows them (the account page's
 * forms work without script, so the codes cross a redirect); `takeRecoveryCodes` deletes them.
 */
export async function holdRecoveryCodes(db: Db, kek: Kek, userId: string, codes: string[]) {
  const sealed = wrap(kek, JSON.stringify(codes), revealContext(userId));
  await db.totpFactor.updateMany({ where: { userId }, data: { recoveryReveal: sealed } });
}

/** The recovery codes held for showing, removed as they are read: the page shows them once. */
export async function takeRecoveryCodes(db: Db, kek: Kek, userId: string): Promise<string[] | undefined> {
  const factor = await db.totpFactor.findUnique({ where: { userId }, select: { recoveryReveal: true } });
  if (!factor?.recoveryReveal) return undefined;
  const taken = await db.totpFactor.updateMany({
    where: { userId, recoveryReveal: factor.recoveryReveal },
    data: { recoveryReveal: null },
  });
  if (taken.count !== 1) return undefined;
  return JSON.parse(unwrap(kek, factor.recoveryReveal, revealContext(userId))) as string[];
}

/**
 * Checks a second factor typed at sign-in: a code from the app (refused for a step already used,
 * so an overheard code cannot be replayed), or an unused recovery code (used up by this check).
 * Each is accepted by a conditional update, so two requests racing with one code get it once.
 */
export async function checkSecondFactor(
  db: Db,
  kek: Kek,
  userId: string,
  typed: string,
  now = Date.now(),
): Promise<SecondFactorMethod | undefined> {
  const factor = await db.totpFactor.findUnique({ where: { userId } });
  if (!factor?.confirmedAt) return undefined;
  if (looksLikeRecoveryCode(typed)) {
    const used = await db.recoveryCode.updateMany({
      where: { userId, hash: hashRecoveryCode(typed), usedAt: null },
      data: { usedAt: new Date(now) },
    });
    return used.count === 1 ? "recovery_code" : undefined;
  }
  const secret = unwrap(kek, factor.secret, secretContext(userId));
  const step = matchingStep(secret, typed, now, factor.lastStep);
  if (step === undefined) return undefined;
  const accepted = await db.totpFactor.updateMany({
    where: { userId, lastStep: { lt: step } },
    data: { lastStep: step, lastUsedAt: new Date(now) },
  });
  return accepted.count === 1 ? "otp" : undefined;
}

/**
 * Removes a user's second factors (an admin's reset, or the user turning the app off): the app
 * and the recovery codes, and with `passkeys` (an admin's reset) the passkeys too, audited in the
 * same transaction. Sign-in then asks for the password alone (or, where two-factor is required,
 * has the user set up an app again).
 */
export async function resetTwoFactor(
  db: Db,
  userId: string,
  context: { actor: Actor; ip?: string; passkeys?: boolean },
) {
  await db.$transaction(async (tx) => {
    const removed = await tx.totpFactor.deleteMany({ where: { userId } });
    const codes = await tx.recoveryCode.deleteMany({ where: { userId } });
    const passkeys = context.passkeys ? (await tx.passkey.deleteMany({ where: { userId } })).count : 0;
    await recordAudit(tx, {
      type: "two_factor.reset",
      actor: context.actor,
      userId,
      before: { totp: removed.count > 0, recoveryCodes: codes.count, ...(context.passkeys ? { passkeys } : {}) },
      ip: context.ip,
    });
  });
}
