import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "./ports";
import { waitFor } from "./wait";

export type ReceivedMail = {
  to: string[];
  subject: string;
  text: string;
  html: string;
  from: string;
  /** The first link in the text part that starts with `base` (the server's public URL). */
  link(base: string): string;
};

export type TestSmtp = {
  /** What to give Latchkey as SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  /** The next message to `to` received after `since` messages (bounded wait, says what it waited for). */
  waitForMail(to: string, since?: number, ms?: number): Promise<ReceivedMail>;
  stop(): Promise<void>;
};

function toReceived(parsed: ParsedMail): ReceivedMail {
  const addresses = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((group) =>
    group.value.map((entry) => (entry.address ?? "").toLowerCase()),
  );
  const text = parsed.text ?? "";
  return {
    to: addresses,
    subject: parsed.subject ?? "",
    text,
    html: typeof parsed.html === "string" ? parsed.html : "",
    from: parsed.from?.text ?? "",
    link(base) {
      const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const match = new RegExp(`${escaped}[^\\s<>"]+`).exec(text);
      if (!match) throw new Error(`no link to ${base} in the message "${parsed.subject}":\n${text}`);
      return match[0];
    },
  };
}

/**
 * A real SMTP server on a free loopback port that keeps every message it receives, parsed. With
 * `auth`, it requires those credentials (over plain SMTP: a test relay has no certificate).
 */
export async function startSmtp(options: { auth?: { user: string; pass: string } } = {}): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    // No certificate to offer: STARTTLS is not advertised, so the client stays on plain SMTP.
    hideSTARTTLS: true,
    authOptional: !options.auth,
    allowInsecureAuth: true,
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, callback) {
      const ok = options.auth && auth.username === options.auth.user && auth.password === options.auth.pass;
      if (!ok) return callback(new Error("Invalid username or password"));
      callback(null, { user: auth.username });
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          received.push(toReceived(parsed));
          callback();
        })
        .catch(callback);
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const credentials = options.auth
    ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@`
    : "";
  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    received,
    waitForMail(to, since = 0, ms = 30_000) {
      return waitFor(
        `an email to ${to}`,
        () => received.slice(since).find((mail) => mail.to.includes(to.toLowerCase())),
        ms,
      );
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
