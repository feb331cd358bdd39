import nodemailer from "nodemailer";
import type { Env } from "../env";
import type { Logger } from "../server/log";
import { describeTransport, type MailTransportConfig, mailFrom, mailTransportConfig } from "./config";

export type OutgoingMail = { to: string; subject: string; text: string; html: string };

export type SendResult = { ok: true } | { ok: false; error: string };

export type Mailer = {
  config: MailTransportConfig;
  /** The relay (or `log`, `off`) as the console shows it: no credentials. */
  describe: string;
  from: string;
  /**
   * Sends one message. Never throws and never takes much longer than SMTP_TIMEOUT_SECONDS:
   * a failure is logged and handed back, so the admin can see it and an end user never does.
   */
  send(mail: OutgoingMail): Promise<SendResult>;
};

class MailTimeout extends Error {}

/** The reason a send failed, in one line an admin can act on (nodemailer's code and message). */
function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: string }).code;
  const message = error.message.split("\n")[0].slice(0, 300);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

export function createMailer(
  env: Pick<Env, "SMTP_URL" | "MAIL_FROM" | "APP_URL" | "SMTP_TIMEOUT_SECONDS">,
  log: Logger,
): Mailer {
  const config = mailTransportConfig(env);
  const from = mailFrom(env);
  const timeoutMs = Math.round(env.SMTP_TIMEOUT_SECONDS * 1000);
  // One connection per message (no pool): sends are rare, and a relay that went away is then
  // met afresh by the next one rather than through a dead pooled socket.
  const transport =
    config.mode === "smtp"
      ? nodemailer.createTransport(config.url, {
          connectionTimeout: timeoutMs,
          greetingTimeout: timeoutMs,
          socketTimeout: timeoutMs,
          dnsTimeout: timeoutMs,
        })
      : undefined;

  async function send(mail: OutgoingMail): Promise<SendResult> {
    if (config.mode === "off") return { ok: false, error: "Email is not configured (SMTP_URL is not set)." };
    if (config.mode === "log") {
      // SMTP_URL=log is for trying Latchkey on one machine: the link is the point of the line.
      log.info("email (SMTP_URL=log, not sent)", { from, to: mail.to, subject: mail.subject, text: mail.text });
      return { ok: true };
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new MailTimeout(`no answer from the relay within ${timeoutMs} ms`)), timeoutMs);
      });
      await Promise.race([transport?.sendMail({ from, ...mail }), deadline]);
      log.info("email sent", { to: mail.to, subject: mail.subject });
      return { ok: true };
    } catch (error) {
      const message = reason(error);
      log.error("email not sent", {
        to: mail.to,
        subject: mail.subject,
        relay: describeTransport(config),
        reason: message,
      });
      return { ok: false, error: message };
    } finally {
      clearTimeout(timer);
    }
  }

  return { config, describe: describeTransport(config), from, send };
}
