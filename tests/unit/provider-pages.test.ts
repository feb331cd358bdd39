import { describe, expect, it } from "vitest";
import type { InteractionView } from "../../lib/provider-pages/data";
import { renderPage } from "../../lib/provider-pages/render";

const assets = { stylesheets: ["/_latchkey/pages-test.css"] };
const client = { name: "Acme Wiki", clientId: "acme-wiki", thirdParty: true };
const login: InteractionView = { kind: "login", uid: "uid-123", csrf: "csrf-abc", client };

/** The visible text of a document, tags removed, white space collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

describe("the end-user pages the server renders", () => {
  it("shows the sign-in page in English and in Korean, as a form that posts without a script", () => {
    const en = renderPage("interaction", login, { locale: "en", nonce: "n0nce", assets });
    expect(en).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(en).toContain("<title>Sign in · Latchkey</title>");
    expect(textOf(en)).toContain("Sign in to continue to Acme Wiki");
    const form = /<form\b[^>]*>/.exec(en)?.[0] ?? "";
    expect(form).toContain('action="/interaction/uid-123/login"');
    expect(form).toContain('method="post"');
    expect(en).toContain('name="csrf" value="csrf-abc"');
    expect(en).toContain('<link rel="stylesheet" href="/_latchkey/pages-test.css"/>');

    const ko = renderPage("interaction", login, { locale: "ko", nonce: "n0nce", assets });
    expect(ko).toMatch(/^<!DOCTYPE html><html lang="ko">/);
    expect(ko).toContain(
      '<strong class="font-semibold text-slate-900">Acme Wiki</strong>(으)로 이동하려면 로그인하세요',
    );
    expect(ko).toContain('<option value="ko" lang="ko" selected="">');
  });

  it("offers Create account only when self-registration is on, and shows the sign-up form with its errors", () => {
    expect(renderPage("interaction", login, { locale: "en", nonce: "n", assets })).not.toContain('href="/register');
    const open = renderPage("interaction", { ...login, registration: true }, { locale: "ko", nonce: "n", assets });
    expect(open).toContain('href="/register?uid=uid-123"');
    expect(textOf(open)).toContain("계정 만들기");

    const form = renderPage(
      "register",
      {
        step: "form",
        csrf: "csrf-r",
        uid: "uid-123",
        values: { email: "nia@example.com", name: "<b>Nia</b>" },
        errors: { confirmPassword: "passwordMismatch" },
      },
      { locale: "en", nonce: "n", assets },
    );
    expect(form).toContain("<title>Create account · Latchkey</title>");
    expect(/<form\b[^>]*>/.exec(form)?.[0]).toContain('action="/register"');
    expect(form).toContain('name="csrf" value="csrf-r"');
    expect(form).toContain('name="uid" value="uid-123"');
    expect(form).toContain('value="&lt;b&gt;Nia&lt;/b&gt;"');
    expect(form).toMatch(
      /<input[^>]*name="confirmPassword"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="confirmPassword"/,
    );
    expect(textOf(form)).toContain("The passwords do not match");
    expect(form).not.toMatch(/name="password"[^>]*value=/);
  });

  it("puts the focus on the email field, or on the password when the app named the account", () => {
    const fresh = renderPage("interaction", login, { locale: "en", nonce: "n", assets });
    expect(fresh).toMatch(/<input[^>]*type="email"[^>]*autofocus=""/);
    const hinted = renderPage(
      "interaction",
      { ...login, loginHint: "ana@example.com" },
      { locale: "en", nonce: "n", assets },
    );
    expect(hinted).toMatch(/<input[^>]*type="email"[^>]*value="ana@example.com"/);
    expect(hinted).toMatch(/<input[^>]*type="password"[^>]*autofocus=""/);
  });

  it("ties a form's field errors to their fields, in the reader's language", () => {
    const view: InteractionView = { ...login, email: "", fieldErrors: { email: "emailRequired" } };
    const ko = renderPage("interaction", view, { locale: "ko", nonce: "n", assets });
    const input = /<input[^>]*type="email"[^>]*>/.exec(ko)?.[0] ?? "";
    expect(input).toContain('aria-invalid="true"');
    const describedBy = /aria-describedby="([^"]+)"/.exec(input)?.[1];
    expect(ko).toContain(`<p id="${describedBy}" class="text-sm text-red-700">이메일 주소를 입력하세요</p>`);
  });

  it("shows an app's name as text, never as markup, on the consent page and in its title", () => {
    const name = `<img src=x onerror="alert(1)">Wiki & "Co"`;
    const consent: InteractionView = {
      kind: "consent",
      uid: "uid-123",
      csrf: "csrf-abc",
      client: { ...client, name, branding: { logoUrl: "", logoDarkUrl: "", termsUrl: "", privacyUrl: "" } },
      scopes: ["email"],
      offline: false,
      again: false,
      account: { email: "ana@example.com", name: "Ana" },
      returnTo: "https://wiki.example.com",
      apis: [
        {
          name: "Wiki API",
          indicator: "https://wiki.example.com/api",
          permissions: [{ name: "read:pages", description: `Read <b>your</b> pages`, isNew: true }],
        },
      ],
    };
    const html = renderPage("interaction", consent, { locale: "en", nonce: "n", assets });
    expect(html).not.toContain("<img src=x");
    // An API permission's description, which an admin typed, is text too.
    expect(textOf(html)).toContain("Read &lt;b&gt;your&lt;/b&gt; pages");
    expect(html).toContain("<title>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;Wiki &amp; &quot;Co&quot; wants");
    expect(textOf(html)).toContain(
      "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;Wiki &amp; &quot;Co&quot; wants to access your account",
    );
    // Cancel posts to its own action; both buttons post the form's CSRF token.
    expect(html).toMatch(/formaction="\/interaction\/uid-123\/abort"/i);
  });

  it("tells a user the app's access rule leaves out that nothing was issued, in both languages", () => {
    const denied: InteractionView = {
      kind: "access_denied",
      uid: "uid-9",
      csrf: "csrf-9",
      client,
      account: { email: "bo@example.com", name: "Bo" },
    };
    const en = renderPage("interaction", denied, { locale: "en", nonce: "n", assets });
    const ko = renderPage("interaction", denied, { locale: "ko", nonce: "n", assets });
    expect(en).toMatch(/<form [^>]*action="\/interaction\/uid-9\/abort" method="post">/);
    expect(textOf(en)).toContain("bo@example.com");
    expect(ko).toContain('lang="ko"');
    expect(textOf(ko)).not.toBe(textOf(en));
  });

  it("runs only its own script, carrying the response's nonce", () => {
    const html = renderPage(
      "error",
      { kind: "expired", error: "interaction_expired" },
      { locale: "en", nonce: "n0nce", assets },
    );
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts).toEqual(['<script nonce="n0nce">']);
    expect(textOf(html)).toContain("This sign-in link has expired");
  });

  it("sends a language change after a form post back to the page's own address", () => {
    const html = renderPage("interaction", login, { locale: "en", nonce: "n", assets, reload: "/interaction/uid-123" });
    expect(html).toContain('<body class="min-h-dvh font-sans" data-reload="/interaction/uid-123">');
  });
});
