import { describe, expect, it } from "vitest";
import { parseEnv } from "../../lib/env";
import { describeTransport, mailFrom, mailTransportConfig } from "../../lib/mail/config";
import { composeMail } from "../../lib/mail/messages";

const envWith = (SMTP_URL: string) => ({ SMTP_URL }) as unknown as NodeJS.ProcessEnv;

describe("SMTP_URL", () => {
  it("reads smtp and smtps relays, their default ports, and log", () => {
    expect(mailTransportConfig({ SMTP_URL: "smtp://u:p@mail.example.com" })).toMatchObject({
      mode: "smtp",
      secure: false,
      host: "mail.example.com",
      port: 587,
    });
    const secure = mailTransportConfig({ SMTP_URL: "smtps://u:secret@mail.example.com" });
    expect(secure).toMatchObject({ mode: "smtp", secure: true, port: 465 });
    expect(describeTransport(secure)).toBe("smtps://mail.example.com:465");
    expect(describeTransport(secure)).not.toContain("secret");
    expect(mailTransportConfig({ SMTP_URL: "log" })).toEqual({ mode: "log" });
    expect(mailTransportConfig({})).toEqual({ mode: "off" });
  });

  it("refuses anything else at start, naming the variable", () => {
    expect(() => parseEnv(envWith("http://mail.example.com"))).toThrow(/SMTP_URL/);
    expect(() => parseEnv(envWith("mail.example.com:587"))).toThrow(/SMTP_URL/);
    expect(parseEnv(envWith("smtp://mail.example.com:25")).SMTP_URL).toBe("smtp://mail.example.com:25");
  });

  it("sends from MAIL_FROM, else no-reply at APP_URL's host", () => {
    expect(mailFrom({ APP_URL: "https://id.example.com" })).toBe("Latchkey <no-reply@id.example.com>");
    expect(mailFrom({ APP_URL: "https://id.example.com", MAIL_FROM: "a@b.example" })).toBe("a@b.example");
  });
});

describe("composed emails", () => {
  const link = "https://id.example.com/password/reset?token=abc&x=<y>";

  it("say the same in text and HTML, in the recipient's language, with the link escaped in HTML", () => {
    const en = composeMail({
      kind: "reset",
      to: "ada@example.com",
      locale: "en",
      baseUrl: "https://id.example.com",
      link,
    });
    expect(en.subject).toBe("Reset your password for Latchkey at id.example.com");
    expect(en.text).toContain(link);
    expect(en.text).toContain("ada@example.com");
    expect(en.html).toContain("https://id.example.com/password/reset?token=abc&amp;x=&lt;y&gt;");
    expect(en.html).not.toContain("<y>");

    const ko = composeMail({
      kind: "reset",
      to: "ada@example.com",
      locale: "ko",
      baseUrl: "https://id.example.com",
      link,
    });
    expect(ko.subject).toBe("id.example.com의 Latchkey 비밀번호 재설정");
    expect(ko.html).toContain('lang="ko"');
    expect(ko.text).toContain("30분");
  });

  it("falls back to English for a language Latchkey does not speak", () => {
    const mail = composeMail({ kind: "test", to: "a@example.com", locale: "fr", baseUrl: "http://localhost:3000" });
    expect(mail.subject).toBe("Test email from Latchkey at localhost:3000");
  });

  it("tells an old address about a change in both languages, naming the new one, escaped, with no button", () => {
    const base = { to: "ada@example.com", baseUrl: "https://id.example.com", newEmail: "new<b>@example.com" };
    const en = composeMail({ ...base, kind: "emailChanging", locale: "en" });
    expect(en.subject).toBe("A change of your email address was asked for on Latchkey at id.example.com");
    expect(en.text).toContain("new<b>@example.com");
    expect(en.html).toContain("new&lt;b&gt;@example.com");
    expect(en.html).not.toContain("<a href");
    const ko = composeMail({ ...base, kind: "emailChanging", locale: "ko" });
    expect(ko.text).toContain("new<b>@example.com");
    expect(ko.html).toContain('lang="ko"');
  });

  it("lists the account's passkeys in a password-changed email, escaped, with where to remove them", () => {
    const base = { kind: "passwordChanged", to: "ada@example.com", baseUrl: "https://id.example.com" } as const;
    const passkeys = [
      { name: "Work <laptop>", createdAt: new Date("2026-11-30T12:00:00Z") },
      { name: "Phone", createdAt: new Date("2026-12-01T08:00:00Z") },
    ];
    const en = composeMail({ ...base, locale: "en", passkeys });
    expect(en.text).toContain("These passkeys can also sign in to the account, without the password:");
    expect(en.text).toContain("- Work <laptop> (added Nov 30, 2026)\n- Phone (added Dec 1, 2026)");
    // Removing one asks for the password: the owner is told to choose a new one first.
    expect(en.text).toContain("Once you have chosen a new password, remove any passkey");
    expect(en.text).toContain("asks for the new password): https://id.example.com/account");
    expect(en.html).toContain("<li>Work &lt;laptop&gt; (added Nov 30, 2026)</li>");
    expect(en.html).not.toContain("<laptop>");
    expect(en.html).toContain('<a href="https://id.example.com/account"');
    const one = composeMail({ ...base, locale: "en", passkeys: passkeys.slice(1) });
    expect(one.text).toContain("This passkey can also sign in");
    const ko = composeMail({ ...base, locale: "ko", passkeys });
    expect(ko.text).toContain("다음 패스키로도 비밀번호 없이");
    expect(ko.text).toContain("- Phone (2026년 12월 1일에 추가함)");
    expect(ko.html).toContain("<li>Phone (2026년 12월 1일에 추가함)</li>");
    // Without passkeys the email says nothing of them.
    const none = composeMail({ ...base, locale: "en", passkeys: [] });
    expect(none.text).not.toMatch(/passkey/i);
    expect(none.html).not.toContain("/account");
  });

  it("has every kind in both catalogs: subject, intro and advice, and a button and expiry where a link goes", () => {
    const kinds = ["passwordChanged", "emailChange", "emailChanging", "register", "registerExisting"] as const;
    const withLink = new Set(["emailChange", "register"]);
    for (const locale of ["en", "ko"])
      for (const kind of kinds) {
        const link = withLink.has(kind) ? "https://id.example.com/x?token=t" : undefined;
        const mail = composeMail({ kind, to: "a@example.com", locale, baseUrl: "https://id.example.com", link });
        expect(mail.subject, `${locale} ${kind}`).not.toMatch(/^email\.|\{/);
        expect(mail.text, `${locale} ${kind}`).not.toMatch(/email\.\w+\.\w+/);
        expect(mail.html.includes("<a href"), `${locale} ${kind}`).toBe(Boolean(link));
        if (link) expect(mail.text).toContain(link);
      }
  });
});
