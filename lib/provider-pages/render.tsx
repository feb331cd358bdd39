import type { IncomingMessage, ServerResponse } from "node:http";
import { createTranslator, IntlProvider } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { AccountShell } from "@/components/account/account-shell";
import { LanguageSelect } from "@/components/ui/language-select";
import { dateStyles } from "../i18n/format";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, type Locale, pickLocale } from "../i18n/locales";
import { catalogs } from "../i18n/messages";
import { applySecurityHeaders, cspNonce } from "../server/security-headers";
import type { ViewData, ViewName } from "./data";
import { pages } from "./views";

/** Where the page's stylesheet is (see stylesheet.ts) and its script file (see page-script.ts). */
export type PageAssets = { stylesheets: string[]; scripts?: string[] };

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/**
 * The language menu without React in the browser: a choice is remembered in the same cookie the
 * console's menu sets, and the page is loaded again in that language. A page that answered a form
 * post goes to its own address instead (`data-reload`), so the browser does not post again.
 */
const languageScript = `(function(){var s=document.getElementById("language");if(!s)return;s.addEventListener("change",function(){var secure=location.protocol==="https:"?"; Secure":"";document.cookie="${LOCALE_COOKIE}="+encodeURIComponent(s.value)+"; Path=/; Max-Age=${LOCALE_COOKIE_MAX_AGE}; SameSite=Lax"+secure;s.disabled=true;var to=document.body.getAttribute("data-reload");if(to)location.replace(to);else location.reload();});})();`;

/** The reader's language: the cookie the language menu sets, else Accept-Language. */
export function localeOf(req: IncomingMessage): Locale {
  const cookies = req.headers.cookie ?? "";
  const match = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`).exec(cookies);
  return pickLocale(match?.[1], req.headers["accept-language"]);
}

/** A sign-in form post answered with its page again: the language menu goes back to the page's own address. */
function reloadAddress(req: IncomingMessage): string | undefined {
  if (req.method !== "POST") return undefined;
  return /^(\/interaction\/[A-Za-z0-9_-]+)\/[a-z]+$/.exec((req.url ?? "").split("?")[0])?.[1];
}

/** The whole document of one view, in one language (no request involved: see the unit tests). */
export function renderPage<N extends ViewName>(
  name: N,
  data: ViewData[N],
  { locale, nonce, assets, reload }: { locale: Locale; nonce: string; assets: PageAssets; reload?: string },
): string {
  const messages = catalogs[locale];
  const page = pages[name];
  const t = createTranslator({ locale, messages });
  const body = renderToStaticMarkup(
    <IntlProvider locale={locale} messages={messages} timeZone="UTC" formats={{ dateTime: dateStyles[locale] }}>
      <AccountShell languageMenu={<LanguageSelect id="language" className="mt-6 justify-center" />}>
        {page.body(data)}
      </AccountShell>
    </IntlProvider>,
  );
  const links = assets.stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}"/>`).join("");
  // Deferred files from this origin, under the response's nonce (the CSP's 'strict-dynamic' ignores 'self').
  const scripts = (assets.scripts ?? [])
    .map((src) => `<script defer src="${escapeHtml(src)}" nonce="${escapeHtml(nonce)}"></script>`)
    .join("");
  return `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>${escapeHtml(`${page.title(data, t)} · Latchkey`)}</title><meta name="description" content="${escapeHtml(t("common.productDescription"))}"/><meta name="robots" content="noindex, nofollow"/><link rel="icon" href="/favicon.svg" type="image/svg+xml"/>${links}${scripts}</head><body class="min-h-dvh font-sans"${reload ? ` data-reload="${escapeHtml(reload)}"` : ""}>${body}<script nonce="${escapeHtml(nonce)}">${languageScript}</script></body></html>`;
}

/**
 * Renders the end-user pages the server answers itself (sign-in, consent, errors, sign-out,
 * device) straight to HTML with React, from the same components Next.js uses: no framework
 * request, no client bundle. The pages work as plain forms; the one script (the language menu)
 * carries the response's CSP nonce.
 */
export function createViewRenderer(assets: PageAssets) {
  return async function render<N extends ViewName>(
    req: IncomingMessage,
    res: ServerResponse,
    name: N,
    data: ViewData[N],
    status = 200,
  ) {
    applySecurityHeaders(req, res, "/interaction");
    const html = renderPage(name, data, {
      locale: localeOf(req),
      nonce: cspNonce(req),
      assets,
      reload: reloadAddress(req),
    });
    res.statusCode = status;
    res.setHeader("content-type", "text/html; charset=utf-8");
    // Every one of these pages is for one person (a CSRF token, an account): never for a cache.
    res.setHeader("cache-control", "no-store");
    res.setHeader("content-length", Buffer.byteLength(html));
    res.end(html);
  };
}
