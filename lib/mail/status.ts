import type { Db } from "../db/client";
import type { Logger } from "../server/log";
import type { Mailer, SendResult } from "./mailer";

const LAST_FAILURE = "mail.last_failure";
const LAST_SUCCESS = "mail.last_success";

export type MailStatus = { lastSuccessAt?: Date; lastFailure?: { at: Date; reason: string } };

/**
 * The outcome of every send is remembered in the database, so the console can show an admin the
 * last failure (whichever instance met it) without anyone reading the logs.
 */
export function withStatus(mailer: Mailer, db: Db, log: Logger): Mailer {
  return {
    ...mailer,
    async send(mail) {
      const result = await mailer.send(mail);
      await recordOutcome(db, result).catch((error) => log.error("email outcome not recorded", { error }));
      return result;
    },
  };
}

async function recordOutcome(db: Db, result: SendResult, now = new Date()) {
  const [key, value] = result.ok
    ? [LAST_SUCCESS, now.toISOString()]
    : [LAST_FAILURE, JSON.stringify({ at: now.toISOString(), reason: result.error })];
  await db.serverSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

export async function readMailStatus(db: Db): Promise<MailStatus> {
  const rows = await db.serverSetting.findMany({ where: { key: { in: [LAST_FAILURE, LAST_SUCCESS] } } });
  const status: MailStatus = {};
  for (const row of rows) {
    if (row.key === LAST_SUCCESS) status.lastSuccessAt = new Date(row.value);
    else {
      try {
        const parsed = JSON.parse(row.value) as { at: string; reason: string };
        status.lastFailure = { at: new Date(parsed.at), reason: String(parsed.reason) };
      } catch {
        // A row another version wrote differently: shown as no failure rather than breaking the page.
      }
    }
  }
  return status;
}
