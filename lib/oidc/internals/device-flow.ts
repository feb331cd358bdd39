import type Provider from "oidc-provider";
import type { KoaContextWithOIDC } from "oidc-provider";
import type { DeviceCodeProblem } from "../../provider-pages/data";

/**
 * oidc-provider hands `features.deviceFlow.userCodeInputSource` and `userCodeConfirmSource` their
 * form as HTML (9.13.3, lib/helpers/user_code_form.js: one hidden input named xsrf), and Latchkey
 * renders its own page, so it needs the form's anti-forgery value. Throws rather than render a
 * form whose post would fail.
 */
export function deviceFormXsrf(form: string): string {
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)?.[1];
  if (!xsrf) throw new Error("oidc-provider's device form no longer carries an xsrf input");
  return xsrf;
}

/**
 * Why the code page is shown again, from the error oidc-provider passes (9.13.3,
 * lib/helpers/re_render_errors.js names them by class; any other error, such as a failed xsrf
 * check, is "generic").
 */
export function deviceCodeProblem(err: unknown): DeviceCodeProblem | undefined {
  if (!err) return undefined;
  switch ((err as { name?: string }).name) {
    case "NotFoundError":
      return "not_found";
    case "ExpiredError":
      return "expired";
    case "AlreadyUsedError":
      return "already_used";
    case "AbortedError":
      return "aborted";
    case "NoCodeError":
      return "no_code";
    default:
      return "generic";
  }
}

/**
 * When a code is refused, oidc-provider's error handler (9.13.3, lib/shared/error_handler.js)
 * makes a new xsrf secret for the page it shows again, after its session middleware has already
 * saved the session: without saving it again, the next post of that page fails the xsrf check.
 * Call once the route has finished (see render-after-route.ts).
 */
export async function keepDeviceFormSecret(ctx: KoaContextWithOIDC): Promise<void> {
  // `touched` is oidc-provider's own mark of a session changed since it was saved (not typed).
  const session = ctx.oidc?.session as
    | (NonNullable<KoaContextWithOIDC["oidc"]["session"]> & { touched?: boolean })
    | undefined;
  if (session?.touched && typeof session.exp === "number") await session.persist();
}

/**
 * oidc-provider answers `GET /device?user_code=...` (the verification_uri_complete) with a page
 * that posts the code by script (9.13.3, lib/actions/code_verification.js: formPost), in English
 * and useless without JavaScript. Latchkey moves the code aside instead, so the route renders
 * the usual page with the code filled in, and the user confirms it with one button.
 */
export function takePrefilledUserCode(devicePath: string) {
  // Not async: it runs on every provider request (the token endpoint's too), and an extra
  // promise per request is measurable there.
  return function prefilledUserCode(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
    if (ctx.method === "GET" && ctx.path === devicePath && typeof ctx.query.user_code === "string") {
      const { user_code: userCode, ...rest } = ctx.query;
      (ctx.state as PrefilledState)[PREFILLED] = userCode.slice(0, 64);
      ctx.query = rest;
    }
    return next();
  };
}

/**
 * A code posted with no stored session behind it (no cookie, or one whose session expired) fails
 * oidc-provider's xsrf check; its error handler then makes a new xsrf secret in a session that was
 * never stored, and its own `ensureSessionSave` throws a TypeError for it (9.13.3,
 * lib/helpers/initialize_app.js and lib/models/session.js `persist`): a 500. The user is sent back
 * to the form instead, which starts a session. Install it outside `renderedAfterRoute`.
 */
export function restartSessionlessDeviceForm(devicePath: string) {
  return function restartSessionless(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
    // Every other request (the token endpoint's too) passes straight through, without a frame.
    if (ctx.method !== "POST" || ctx.path !== devicePath) return next();
    return restart(ctx, next);
  };
  async function restart(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
    try {
      await next();
    } catch (error) {
      const unstored = error instanceof TypeError && error.message.startsWith("persist can only be called");
      if (!unstored) throw error;
      ctx.status = 303;
      ctx.set("cache-control", "no-store");
      ctx.redirect(ctx.oidc.urlFor("code_verification"));
    }
  }
}

const PREFILLED = Symbol("user code from verification_uri_complete");
type PrefilledState = { [PREFILLED]?: string };

export function prefilledUserCode(ctx: KoaContextWithOIDC): string | undefined {
  return (ctx.state as PrefilledState)[PREFILLED];
}

/**
 * Says the polling interval in the device authorization response (RFC 8628 §3.2 `interval`),
 * which oidc-provider leaves out. Its `device_authorization.success` event is emitted with the
 * response body just before it is sent (9.13.3, lib/actions/authorization/device.js).
 */
export function announcePollInterval(provider: Provider, seconds: number) {
  provider.on("device_authorization.success", (_ctx: unknown, body: Record<string, unknown>) => {
    body.interval = seconds;
  });
}

/**
 * An app without the device grant asking for a device code gets `unauthorized_client`, as
 * RFC 8628 §3.2 (with RFC 6749 §5.2) has it; oidc-provider answers `invalid_request` ("<grant> is
 * not allowed for this client", 9.13.3, lib/actions/authorization/client.js checkClientGrantType).
 * Its error handler writes the JSON answer, then emits `device_authorization.error`
 * (lib/shared/error_handler.js), so the answer is corrected there, still 400, description kept.
 */
export function deviceGrantRefusedAsUnauthorized(provider: Provider, grantType: string) {
  provider.on("device_authorization.error", (ctx: KoaContextWithOIDC) => {
    const body = ctx.body as { error?: unknown; error_description?: unknown } | null | undefined;
    if (body?.error === "invalid_request" && body.error_description === `${grantType} is not allowed for this client`)
      body.error = "unauthorized_client";
  });
}
