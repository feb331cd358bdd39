import type { Env } from "../env";

/**
 * How this installation sends email, read from SMTP_URL:
 * - unset: it does not (features that need email say so in the console);
 * - `log`: each message is written to the log instead, links included (local trials only);
 * - `smtp://user:pass@host:587`: a relay, upgraded with STARTTLS whenever it offers it;
 * - `smtps://user:pass@host:465`: TLS from the first byte.
 */
export type MailTransportConfig =
  | { mode: "off" }
  | { mode: "log" }
  | { mode: "smtp"; url: string; secure: boolean; host: string; port: number };

export function mailTransportConfig(env: Pick<Env, "SMTP_URL">): MailTransportConfig {
  const value = env.SMTP_URL?.trim();
  if (!value) return { mode: "off" };
  if (value.toLowerCase() === "log") return { mode: "log" };
  const url = new URL(value);
  const secure = url.protocol === "smtps:";
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  return { mode: "smtp", url: value, secure, host: url.hostname, port };
}

/** Where the server is, as the admin reads it: the relay's host and port, never its password. */
export function describeTransport(config: MailTransportConfig): string {
  if (config.mode === "smtp") return `${config.secure ? "smtps" : "smtp"}://${config.host}:${config.port}`;
  return config.mode;
}

/** The From: MAIL_FROM, else Latchkey at no-reply on APP_URL's host. */
export function mailFrom(env: Pick<Env, "MAIL_FROM" | "APP_URL">): string {
  if (env.MAIL_FROM) return env.MAIL_FROM;
  return `Latchkey <no-reply@${new URL(env.APP_URL).hostname}>`;
}
