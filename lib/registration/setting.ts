import type { Db } from "../db/client";
import type { Mailer } from "../mail/mailer";

/** The ServerSetting row that says whether people may create their own accounts (off by default). */
const KEY = "self_registration";

export async function readSelfRegistration(db: Pick<Db, "serverSetting">): Promise<boolean> {
  const row = await db.serverSetting.findUnique({ where: { key: KEY } });
  return row?.value === "on";
}

export async function writeSelfRegistration(db: Pick<Db, "serverSetting">, enabled: boolean) {
  const value = enabled ? "on" : "off";
  await db.serverSetting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
}

/**
 * Whether the sign-in page offers "Create account": switched on, and email configured (a sign-up
 * is only finished by its link; the console refuses to switch it on without email, and this
 * keeps it hidden if SMTP_URL is removed later).
 */
export async function selfRegistrationOpen(db: Db, mail: Pick<Mailer, "config">): Promise<boolean> {
  return mail.config.mode !== "off" && (await readSelfRegistration(db));
}
