import type { Db } from "../db/client";
import type { TwoFactorCardData } from "../provider-pages/data";
import { twoFactorFormToken } from "./account-forms";
import { passwordNotices } from "./password-proof";
import { readTwoFactorPolicy } from "./policy";
import { twoFactorStatus } from "./store";

/**
 * The account page's two-factor section for a user; undefined when there is nothing to show
 * (two-factor is off for everyone and the user has none).
 */
export async function twoFactorCardData(
  db: Db,
  userId: string,
  formatDate: (value: Date) => string,
  notice: unknown,
): Promise<TwoFactorCardData | undefined> {
  const [status, policy] = await Promise.all([twoFactorStatus(db, userId), readTwoFactorPolicy(db)]);
  if (policy === "off" && !status.totp) return undefined;
  return {
    totp: status.totp && {
      enabledAt: formatDate(status.totp.enabledAt),
      lastUsedAt: status.totp.lastUsedAt ? formatDate(status.totp.lastUsedAt) : undefined,
      recoveryCodesLeft: status.recoveryCodesLeft,
    },
    token: twoFactorFormToken(userId),
    required: policy === "required",
    ...(isNotice(notice) ? { notice } : {}),
  };
}

const notices: readonly unknown[] = [
  "removed",
  "invalid_code",
  "too_many_attempts",
  "setup_expired",
  ...Object.values(passwordNotices),
];

function isNotice(value: unknown): value is NonNullable<TwoFactorCardData["notice"]> {
  return notices.includes(value);
}
