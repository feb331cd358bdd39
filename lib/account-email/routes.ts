import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import { z } from "zod";
import { formToken, isFormToken } from "../auth/form-token";
import type { Db } from "../db/client";
import { LOCALE_COOKIE, type Locale, pickLocale } from "../i18n/locales";
import type { Mailer } from "../mail/mailer";
import type { RenderView } from "../oidc/interactions";
import type { PasswordErrors, PasswordView } from "../provider-pages/data";
import { BodyError, readForm } from "../server/body";
import { requestOrigin } from "../server/forwarded";
import { password, signInSchema } from "../validation/user";
import { confirmEmailChange, peekEmailChange } from "./email-change";
import type { Recovery } from "./recovery";
import { verifyAddress } from "./verify";

/** What the server's own form pages (recovery, sign-up) need beside their service. */
export type FormPageDeps = {
  db: Db;
  provider: () => Provider;
  mail: Mailer;
  csrfKey: string;
  allowedOrigins: Set<string>;
  trustedProxies: number;
  render: RenderView;
};

type Deps = FormPageDeps & { recovery: Recovery };

const uidPattern = /^[A-Za-z0-9_-]{1,64}$/;
const FORGOT_FORM = "password: forgot";
const CHOOSE_FORM = "password: choose";
const CHANGE_FORM = "email: change";

/** The new-password form: the same rules as everywhere else, typed twice. */
const choosePasswordSchema = z
  .object({ password, confirmPassword: z.string() })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "passwordMismatch",
  });

/** The language the request's reader chose (the language cookie) or their browser asks for. */
export function requestLocale(req: IncomingMessage): Locale {
  const cookie = (req.headers.cookie ?? "")
    .split(/;\s*/)
    .find((part) => part.startsWith(`${LOCALE_COOKIE}=`))
    ?.slice(LOCALE_COOKIE.length + 1);
  return pickLocale(cookie, req.headers["accept-language"]);
}

export function seeOther(res: ServerResponse, location: string) {
  res.writeHead(303, { location, "cache-control": "no-store" });
  res.end();
}

/**
 * The pages behind "Forgot password?" and the links in Latchkey's emails, served by the server
 * itself (like the sign-in page) and rendered by the web app's /password page. Every form is a
 * plain POST with an anti-forgery token and an Origin check; nothing needs a script.
 *
 * - GET/POST /password/forgot: the address; the same "check your email" whether or not it has
 *   an account.
 * - GET/POST /password/reset?token=… and /password/invite?token=…: choose a password (twice).
 *   After a reset, back to the sign-in the user started from when it is still open.
 * - GET /email/verify?token=…: the address is verified (a link proves it by being followed).
 * - GET /email/change?token=…: the account moves to the new address a change at /account named.
 */
export function createPasswordRoutes({
  db,
  provider,
  recovery,
  mail,
  csrfKey,
  allowedOrigins,
  trustedProxies,
  render,
}: Deps) {
  const forgotToken = (uid: string | undefined) => formToken(csrfKey, FORGOT_FORM, uid ?? "");
  const chooseToken = (token: string) => formToken(csrfKey, CHOOSE_FORM, token);

  function sameOrigin(req: IncomingMessage) {
    const origin = req.headers.origin;
    return origin === undefined || allowedOrigins.has(origin);
  }

  const show = (req: IncomingMessage, res: ServerResponse, view: PasswordView, status = 200) =>
    render(req, res, "password", view, status);

  async function readPosted(req: IncomingMessage, res: ServerResponse) {
    try {
      return await readForm(req);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      await render(req, res, "error", { kind: "generic", error: "invalid_request", description: error.message }, 400);
      return undefined;
    }
  }

  async function forbidden(req: IncomingMessage, res: ServerResponse) {
    const description = "The form could not be verified. Reload the page and try again.";
    await render(req, res, "error", { kind: "generic", error: "forbidden", description }, 403);
  }

  async function forgotPage(req: IncomingMessage, res: ServerResponse, query: URLSearchParams) {
    const rawUid = query.get("uid") ?? undefined;
    const uid = rawUid && uidPattern.test(rawUid) ? rawUid : undefined;
    if (query.get("sent") === "1") return show(req, res, { step: "sent", uid });
    const shown = query.get("error");
    const error = shown === "too_many_attempts" || shown === "invalid_email" ? shown : undefined;
    const seconds = Number(query.get("retry_after"));
    const retryAfter = Number.isSafeInteger(seconds) && seconds > 0 && seconds <= 86_400 ? seconds : undefined;
    return show(req, res, {
      step: "request",
      csrf: forgotToken(uid),
      uid,
      ...(error ? { error } : {}),
      ...(error === "too_many_attempts" && retryAfter ? { retryAfter } : {}),
      ...(mail.config.mode === "off" ? { emailOff: true } : {}),
    });
  }

  async function forgotPost(req: IncomingMessage, res: ServerResponse) {
    const form = await readPosted(req, res);
    if (!form) return;
    const uid = form.uid && uidPattern.test(form.uid) ? form.uid : undefined;
    if (!sameOrigin(req) || !isFormToken(csrfKey, FORGOT_FORM, uid ?? "", form.csrf)) return forbidden(req, res);
    const back = (params: Record<string, string>) =>
      `/password/forgot?${new URLSearchParams({ ...params, ...(uid ? { uid } : {}) })}`;
    const parsed = signInSchema.shape.email.pipe(z.email()).safeParse(form.email ?? "");
    if (!parsed.success) return seeOther(res, back({ error: "invalid_email" }));
    const outcome = await recovery.request({
      email: parsed.data,
      locale: requestLocale(req),
      returnUid: uid,
      ip: requestOrigin(req, trustedProxies).address,
    });
    if (outcome.retryAfterMs > 0) {
      const retryAfter = Math.ceil(outcome.retryAfterMs / 1000);
      res.setHeader("retry-after", String(retryAfter));
      return seeOther(res, back({ error: "too_many_attempts", retry_after: String(retryAfter) }));
    }
    seeOther(res, back({ sent: "1" }));
  }

  async function choosePage(
    req: IncomingMessage,
    res: ServerResponse,
    purpose: "reset" | "invite",
    token: string,
    errors?: PasswordErrors,
  ) {
    const row = await recovery.find(token, purpose);
    if (!row) return show(req, res, { step: "invalid", purpose }, errors ? 400 : 200);
    const view: PasswordView = { step: "choose", purpose, csrf: chooseToken(token), token, email: row.email };
    return show(req, res, errors ? { ...view, errors } : view, errors ? 400 : 200);
  }

  async function choosePost(req: IncomingMessage, res: ServerResponse, purpose: "reset" | "invite") {
    const form = await readPosted(req, res);
    if (!form) return;
    const token = form.token ?? "";
    if (!sameOrigin(req) || !isFormToken(csrfKey, CHOOSE_FORM, token, form.csrf)) return forbidden(req, res);
    const parsed = choosePasswordSchema.safeParse(form);
    if (!parsed.success) {
      const errors: PasswordErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === "password" || field === "confirmPassword") && !errors[field]) errors[field] = issue.message;
      }
      return choosePage(req, res, purpose, token, errors);
    }
    const ip = requestOrigin(req, trustedProxies).address;
    const done = await recovery.complete(token, purpose, parsed.data.password, ip);
    if (!done) return show(req, res, { step: "invalid", purpose }, 400);
    // Back into the sign-in that was in progress, if it still is; else a page saying it is done.
    if (done.returnUid && (await provider().Interaction.find(done.returnUid)))
      return seeOther(res, `/interaction/${done.returnUid}?notice=password_changed`);
    seeOther(res, `/password/done?purpose=${purpose}`);
  }

  /** Serves a /password path; false when the path is not one of these pages. */
  return async function handle(req: IncomingMessage, res: ServerResponse, path: string, url: string) {
    const query = new URLSearchParams(url.includes("?") ? url.slice(url.indexOf("?") + 1) : "");
    const get = req.method === "GET" || req.method === "HEAD";
    const post = req.method === "POST";
    res.setHeader("cache-control", "no-store");
    switch (path) {
      case "/password":
      case "/password/":
        return get ? seeOther(res, "/password/forgot") : methodNotAllowed(res, "GET");
      case "/password/forgot":
        if (get) return forgotPage(req, res, query);
        return post ? forgotPost(req, res) : methodNotAllowed(res, "GET, POST");
      case "/password/reset":
      case "/password/invite": {
        const purpose = path === "/password/reset" ? "reset" : "invite";
        if (get) return choosePage(req, res, purpose, query.get("token") ?? "");
        return post ? choosePost(req, res, purpose) : methodNotAllowed(res, "GET, POST");
      }
      case "/password/done": {
        if (!get) return methodNotAllowed(res, "GET");
        return show(req, res, { step: "done", purpose: query.get("purpose") === "invite" ? "invite" : "reset" });
      }
      case "/email/verify": {
        if (!get) return methodNotAllowed(res, "GET");
        const verified = await verifyAddress(db, query.get("token") ?? "", requestOrigin(req, trustedProxies).address);
        if (!verified) return show(req, res, { step: "invalid", purpose: "verify" }, 400);
        return show(req, res, { step: "verified", email: verified.email });
      }
      case "/email/change": {
        // Opening the link only asks; the button's POST changes the address (link scanners open links).
        if (get) {
          const token = query.get("token") ?? "";
          const change = await peekEmailChange(db, token);
          if (!change) return show(req, res, { step: "invalid", purpose: "email_change" }, 400);
          const csrf = formToken(csrfKey, CHANGE_FORM, token);
          return show(req, res, { step: "confirm_change", csrf, token, ...change });
        }
        if (!post) return methodNotAllowed(res, "GET, POST");
        const form = await readPosted(req, res);
        if (!form) return;
        const token = form.token ?? "";
        if (!sameOrigin(req) || !isFormToken(csrfKey, CHANGE_FORM, token, form.csrf)) return forbidden(req, res);
        const changed = await confirmEmailChange(db, token, requestOrigin(req, trustedProxies).address);
        if (!changed) return show(req, res, { step: "invalid", purpose: "email_change" }, 400);
        return show(req, res, { step: "verified", email: changed.email, changed: true });
      }
      default:
        return false;
    }
  };
}

export function methodNotAllowed(res: ServerResponse, allow: string) {
  res.writeHead(405, { allow });
  res.end();
}
