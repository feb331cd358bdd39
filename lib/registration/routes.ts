import type { IncomingMessage, ServerResponse } from "node:http";
import { type FormPageDeps, methodNotAllowed, requestLocale, seeOther } from "../account-email/routes";
import { formToken, isFormToken } from "../auth/form-token";
import type { RegisterErrors, RegisterView } from "../provider-pages/data";
import { BodyError, readForm } from "../server/body";
import { requestOrigin } from "../server/forwarded";
import { registrationSchema } from "../validation/registration";
import type { Registration } from "./service";
import { selfRegistrationOpen } from "./setting";

type Deps = FormPageDeps & { registration: Registration };

const uidPattern = /^[A-Za-z0-9_-]{1,64}$/;
const REGISTER_FORM = "register";
const CONFIRM_FORM = "register: confirm";
const fields = ["email", "name", "password", "confirmPassword"] as const;

/**
 * "Create account" (when the console allows it): the sign-up page and the link its email carries,
 * served by the server itself like the sign-in page; plain POST with an anti-forgery token and an
 * Origin check, nothing needs a script.
 *
 * - GET/POST /register?uid=…: address, name, password twice; then "check your email", the same
 *   whether or not the address has an account.
 * - GET /register/verify?token=…: asks for the password chosen at sign-up; its POST makes the
 *   account, and the user goes back to the sign-in they started from when it is still open.
 */
export function createRegistrationRoutes(deps: Deps) {
  const { db, provider, registration, mail, csrfKey, allowedOrigins, trustedProxies, render } = deps;
  const csrfFor = (uid: string | undefined) => formToken(csrfKey, REGISTER_FORM, uid ?? "");
  const show = (req: IncomingMessage, res: ServerResponse, view: RegisterView, status = 200) =>
    render(req, res, "register", view, status);
  const uidOf = (value: string | null | undefined) => (value && uidPattern.test(value) ? value : undefined);

  async function formPage(req: IncomingMessage, res: ServerResponse, query: URLSearchParams) {
    const uid = uidOf(query.get("uid"));
    if (query.get("sent") === "1") return show(req, res, { step: "sent", uid });
    const seconds = Number(query.get("retry_after"));
    const retryAfter = Number.isSafeInteger(seconds) && seconds > 0 && seconds <= 86_400 ? seconds : undefined;
    const view: RegisterView = { step: "form", csrf: csrfFor(uid), uid, values: { email: "", name: "" } };
    return show(req, res, retryAfter ? { ...view, error: "too_many_attempts", retryAfter } : view);
  }

  /** The posted form, or undefined once an error page has answered a body that could not be read. */
  async function readPosted(req: IncomingMessage, res: ServerResponse) {
    try {
      return await readForm(req);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      render(req, res, "error", { kind: "generic", error: "invalid_request", description: error.message }, 400);
      return undefined;
    }
  }

  /** A form from another origin, or without this form's token for `binding`: refused with 403. */
  function forged(req: IncomingMessage, form: Record<string, string>, name: string, binding: string) {
    const origin = req.headers.origin;
    return (origin !== undefined && !allowedOrigins.has(origin)) || !isFormToken(csrfKey, name, binding, form.csrf);
  }

  function forbidden(req: IncomingMessage, res: ServerResponse) {
    const description = "The form could not be verified. Reload the page and try again.";
    return render(req, res, "error", { kind: "generic", error: "forbidden", description }, 403);
  }

  async function formPost(req: IncomingMessage, res: ServerResponse) {
    const form = await readPosted(req, res);
    if (!form) return;
    const uid = uidOf(form.uid);
    if (forged(req, form, REGISTER_FORM, uid ?? "")) return forbidden(req, res);
    const parsed = registrationSchema.safeParse(form);
    if (!parsed.success) {
      const errors: RegisterErrors = {};
      for (const issue of parsed.error.issues) {
        const field = fields.find((name) => name === issue.path[0]);
        if (field && !errors[field]) errors[field] = issue.message;
      }
      const values = { email: (form.email ?? "").slice(0, 254), name: (form.name ?? "").slice(0, 128) };
      return show(req, res, { step: "form", csrf: csrfFor(uid), uid, values, errors }, 400);
    }
    const outcome = await registration.request({
      ...parsed.data,
      locale: requestLocale(req),
      returnUid: uid,
      ip: requestOrigin(req, trustedProxies).address,
    });
    const back = (params: Record<string, string>) =>
      `/register?${new URLSearchParams({ ...params, ...(uid ? { uid } : {}) })}`;
    if (outcome.retryAfterMs > 0) {
      const retryAfter = String(Math.ceil(outcome.retryAfterMs / 1000));
      res.setHeader("retry-after", retryAfter);
      return seeOther(res, back({ retry_after: retryAfter }));
    }
    seeOther(res, back({ sent: "1" }));
  }

  async function confirmPage(req: IncomingMessage, res: ServerResponse, token: string) {
    const pending = await registration.peek(token);
    if (!pending) return show(req, res, { step: "invalid" }, 400);
    return show(req, res, { step: "confirm", csrf: formToken(csrfKey, CONFIRM_FORM, token), token, ...pending });
  }

  async function verify(req: IncomingMessage, res: ServerResponse) {
    const form = await readPosted(req, res);
    if (!form) return;
    const token = form.token ?? "";
    if (forged(req, form, CONFIRM_FORM, token)) return forbidden(req, res);
    const done = await registration.confirm(token, form.password ?? "", requestOrigin(req, trustedProxies).address);
    if (!done) return show(req, res, { step: "invalid" }, 400);
    if (done === "wrong_password") {
      const pending = await registration.peek(token);
      if (!pending) return show(req, res, { step: "invalid" }, 400);
      const view: RegisterView = { step: "confirm", csrf: form.csrf ?? "", token, ...pending, error: "password" };
      return show(req, res, view, 400);
    }
    // Back into the sign-in that was in progress, if it still is; else a page saying it is done.
    if (done.returnUid && (await provider().Interaction.find(done.returnUid)))
      return seeOther(res, `/interaction/${done.returnUid}?notice=registered`);
    return show(req, res, { step: "done", email: done.email });
  }

  /** Serves a /register path; false when the path is not one of these pages. */
  return async function handle(req: IncomingMessage, res: ServerResponse, path: string, url: string) {
    if (path !== "/register" && path !== "/register/verify") return false;
    const query = new URLSearchParams(url.includes("?") ? url.slice(url.indexOf("?") + 1) : "");
    const get = req.method === "GET" || req.method === "HEAD";
    res.setHeader("cache-control", "no-store");
    // Switched off (or no email to finish a sign-up with): as if the pages did not exist.
    if (!(await selfRegistrationOpen(db, mail))) return show(req, res, { step: "closed" }, 404);
    if (path === "/register/verify") {
      if (get) return confirmPage(req, res, query.get("token") ?? "");
      return req.method === "POST" ? verify(req, res) : methodNotAllowed(res, "GET, POST");
    }
    if (get) return formPage(req, res, query);
    return req.method === "POST" ? formPost(req, res) : methodNotAllowed(res, "GET, POST");
  };
}
