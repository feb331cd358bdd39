import { createTranslator } from "next-intl";
import { formatDate } from "../i18n/format";
import { defaultLocale, isLocale, type Locale } from "../i18n/locales";
import { catalogs } from "../i18n/messages";
import type { OutgoingMail } from "./mailer";

/** The kinds of email Latchkey sends; each has its strings under `email.<kind>` in both catalogs. */
export type MailKind =
  | "test"
  | "reset"
  | "invite"
  | "verify"
  | "passwordChanged"
  | "emailChange"
  | "emailChanging"
  | "register"
  | "registerExisting";

export type MailInput = {
  kind: MailKind;
  to: string;
  /** The recipient's language (their stored one, else the request's). */
  locale: string | null | undefined;
  /** The server's public URL (APP_URL as the server records it), never a request's Host header. */
  baseUrl: string;
  /** The link the message is for (absent for the notices: test, passwordChanged, emailChanging, registerExisting). */
  link?: string;
  /** The address an account is moving to (emailChanging, written to the old address). */
  newEmail?: string;
  /**
   * The account's passkeys (passwordChanged): each also signs in without the password, so an
   * owner whose password someone else changed is told what else to look at.
   */
  passkeys?: { name: string; createdAt: Date }[];
};

/**
 * The language Latchkey writes to someone whose profile locale is `tag` (a BCP 47 tag such as
 * ko-KR, or empty): its language part when Latchkey speaks it, else `fallback`.
 */
export function mailLanguage(tag: string | null | undefined, fallback: Locale = defaultLocale): Locale {
  const language = tag?.split("-")[0]?.toLowerCase();
  return isLocale(language) ? language : fallback;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/**
 * One email in the recipient's language, as plain text and as HTML (the same words: a reader on
 * a text-only client misses nothing). Every value put into the HTML is escaped.
 */
export function composeMail({ kind, to, locale, baseUrl, link, newEmail, passkeys = [] }: MailInput): OutgoingMail {
  const language = mailLanguage(locale);
  const t = createTranslator({ locale: language, messages: catalogs[language], namespace: "email" });
  const provider = t("provider", { host: new URL(baseUrl).host });
  const values = { provider, email: to, newEmail: newEmail ?? "" };
  const subject = t(`${kind}.subject`, values);
  const intro = t(`${kind}.intro`, values);
  const ignore = t(`${kind}.ignore`, values);
  const footer = t("footer", { provider, url: baseUrl });
  // Only the kinds that carry a link have a button and an expiry.
  const action = link ? t(`${kind}.action` as "reset.action") : undefined;
  const expiry = link ? t(`${kind}.expiry` as "reset.expiry") : undefined;

  const keys = kind === "passwordChanged" ? passkeyList(t, language, baseUrl, passkeys) : undefined;

  const text = [
    intro,
    ...(link ? [`${action}: ${link}`, expiry] : []),
    ...(keys ? [[keys.heading, ...keys.items.map((item) => `- ${item}`)].join("\n"), keys.remove] : []),
    ignore,
    "--",
    footer,
  ].join("\n\n");

  const p = (content: string, style = "") => `<p style="margin:0 0 16px;${style}">${content}</p>`;
  const button = link
    ? p(
        `<a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 18px;border-radius:8px;background:#4338ca;color:#ffffff;text-decoration:none;font-weight:600">${escapeHtml(action ?? "")}</a>`,
      ) +
      p(escapeHtml(expiry ?? "")) +
      p(
        `${escapeHtml(t("pasteLink"))}<br><span style="word-break:break-all">${escapeHtml(link)}</span>`,
        "font-size:13px;color:#475569",
      )
    : "";
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="margin:0;padding:24px;background:#f8fafc;font-family:system-ui,sans-serif;color:#0f172a;line-height:1.5${language === "ko" ? ";word-break:keep-all" : ""}"><div style="max-width:480px;margin:0 auto;padding:24px;background:#ffffff;border:1px solid #e2e8f0;border-radius:12px">${p(escapeHtml(intro))}${button}${keys ? passkeyHtml(keys, p) : ""}${p(escapeHtml(ignore))}${p(escapeHtml(footer), "font-size:12px;color:#64748b;margin:0")}</div></body></html>`;
  return { to, subject, text, html };
}

type EmailTranslator = ReturnType<typeof createTranslator<(typeof catalogs)["en"], "email">>;

/** The passkeys paragraph of a password-changed email (none when the account has no passkey). */
function passkeyList(t: EmailTranslator, language: Locale, baseUrl: string, passkeys: MailInput["passkeys"] = []) {
  if (!passkeys.length) return undefined;
  const accountUrl = `${baseUrl}/account`;
  return {
    heading: t("passwordChanged.passkeys", { count: passkeys.length }),
    items: passkeys.map((key) =>
      t("passwordChanged.passkey", { name: key.name, date: formatDate(language, key.createdAt) }),
    ),
    remove: t("passwordChanged.removePasskeys", { url: accountUrl }),
    accountUrl,
  };
}

function passkeyHtml(keys: NonNullable<ReturnType<typeof passkeyList>>, p: (content: string) => string) {
  const items = keys.items.map((item) => `<li>${escapeHtml(item)}</li>`).join("");
  const link = `<a href="${escapeHtml(keys.accountUrl)}" style="color:#4338ca">${escapeHtml(keys.accountUrl)}</a>`;
  return `${p(escapeHtml(keys.heading))}<ul style="margin:0 0 16px;padding-left:20px">${items}</ul>${p(
    escapeHtml(keys.remove).replace(escapeHtml(keys.accountUrl), link),
  )}`;
}
