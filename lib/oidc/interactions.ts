import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import { errors, type InteractionResults } from "oidc-provider";
import { consentApis } from "../apis/consent";
import { isThirdParty } from "../applications/types";
import type { AuditInput } from "../audit/events";
import { insertAudit } from "../audit/record";
import { SignInThrottle } from "../auth/throttle";
import type { Db } from "../db/client";
import type { DirectSql } from "../db/direct-sql";
import type { RelyingParty } from "../passkeys/relying-party";
import type { ClientSummary, ErrorView, InteractionView, ViewData, ViewName } from "../provider-pages/data";
import type { Kek } from "../secrets/envelope";
import { BodyError, readForm } from "../server/body";
import { requestOrigin } from "../server/forwarded";
import { createSignInLookup } from "../users/sign-in-lookup";
import { signInSchema } from "../validation/user";
import { ACCESS_PROMPT } from "./access-rule";
import { ACR_PASSWORD, AMR_PASSWORD } from "./acr";
import type { ClientStore } from "./client-store";
import { anotherAccount } from "./interaction-policy";
import { consentView, requestedResources, requestedScopes, selectAccountView } from "./interaction-views";
import { createPasskeySteps } from "./passkey-steps";
import { createSecondFactorSteps, type InteractionKit } from "./second-factor";
import { createPendingSignIns } from "./second-factor-state";
import type { TwoFactorRequirement } from "./two-factor-requirement";

export type RenderView = <N extends ViewName>(
  req: IncomingMessage,
  res: ServerResponse,
  name: N,
  data: ViewData[N],
  status?: number,
) => Promise<void>;

type Deps = {
  /** The provider now serving (a key rotation replaces it; see lib/server/app.ts). */
  provider: () => Provider;
  db: Db;
  /** Prepared statements (lib/db/direct-sql.ts): the throttle, the password check, the audit events. */
  sql: DirectSql;
  clients: ClientStore;
  /** Decrypts the users' authenticator app secrets (the key-encryption key). */
  kek: Kek;
  /** Whether a sign-in must end with a second factor (lib/oidc/two-factor-requirement.ts). */
  twoFactorRequired: TwoFactorRequirement;
  /** Key for the forms' anti-forgery tokens. */
  csrfKey: string;
  /** The site is served over https: the second step's cookie is Secure. */
  secureCookies: boolean;
  /** Origins a form may be posted from (the app's public origin). */
  allowedOrigins: Set<string>;
  /** How many reverse proxies in front are trusted (TRUST_PROXY). */
  trustedProxies: number;
  /** Who passkeys are for (the host of APP_URL). */
  relyingParty: RelyingParty;
  render: RenderView;
  /** Where a failure to write a security event is reported (the log). */
  onAuditError: (error: unknown) => void;
  /** Whether the sign-in page offers "Create account" (lib/registration/setting.ts). */
  registrationOpen?: () => Promise<boolean>;
};

type Details = Awaited<ReturnType<Provider["interactionDetails"]>>;

/** The form posts of the sign-in, account and consent pages: POST /interaction/:uid/<action>. */
export type InteractionAction =
  | "login"
  | "confirm"
  | "abort"
  | "continue"
  | "switch"
  | "second-factor"
  | "enrol"
  | "enrolled"
  | "passkey-options"
  | "passkey";

const INVALID_CREDENTIALS = "invalid_credentials";
const TOO_MANY_ATTEMPTS = "too_many_attempts";

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** The wait shown after a refused sign-in (from the page's own redirect; bounded, since anyone can edit a URL). */
function retrySeconds(value: string | null): number | undefined {
  const seconds = Number(value);
  return Number.isSafeInteger(seconds) && seconds > 0 && seconds <= 86_400 ? seconds : undefined;
}

function wantsJson(req: IncomingMessage) {
  return (req.headers.accept ?? "").includes("application/json");
}

/** Sends the browser on: JSON `{ location }` for the page's script, a 303 for a plain form post. */
function redirect(req: IncomingMessage, res: ServerResponse, location: string) {
  if (wantsJson(req)) return sendJson(res, 200, { location });
  res.writeHead(303, { location, "cache-control": "no-store" });
  res.end();
}

/**
 * The sign-in and consent steps of an authorization request. oidc-provider sends the browser
 * to /interaction/:uid; these handlers show the right page and record what the user did.
 */
export function createInteractions({
  provider,
  db,
  sql,
  clients,
  kek,
  twoFactorRequired,
  csrfKey,
  secureCookies,
  allowedOrigins,
  trustedProxies,
  relyingParty,
  render,
  onAuditError,
  registrationOpen = async () => false,
}: Deps) {
  const throttle = new SignInThrottle(sql);
  const users = createSignInLookup(sql);
  const clientAddress = (req: IncomingMessage) => requestOrigin(req, trustedProxies).address;
  const csrfToken = (uid: string) => createHmac("sha256", csrfKey).update(`interaction:${uid}`).digest("base64url");

  function checkForgery(req: IncomingMessage, uid: string, token: string | undefined) {
    const origin = req.headers.origin;
    if (origin && origin !== "null" && !allowedOrigins.has(origin)) return false;
    if (origin === "null") return false;
    const expected = Buffer.from(csrfToken(uid));
    const actual = Buffer.from(token ?? "");
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  async function clientSummary(clientId: string): Promise<ClientSummary | undefined> {
    const record = await clients.find(clientId);
    if (!record) return undefined;
    const { displayName, logoUrl, logoDarkUrl, termsUrl, privacyUrl } = record.branding;
    const thirdParty = isThirdParty(record.type);
    return {
      name: displayName || record.name,
      clientId,
      thirdParty,
      ...(thirdParty ? { branding: { logoUrl, logoDarkUrl, termsUrl, privacyUrl } } : {}),
    };
  }

  async function renderError(req: IncomingMessage, res: ServerResponse, view: ErrorView, status = 400) {
    if (wantsJson(req)) return sendJson(res, status, { error: view.error, error_description: view.description });
    await render(req, res, "error", view, status);
  }

  async function details(req: IncomingMessage, res: ServerResponse): Promise<Details | undefined> {
    try {
      return await provider().interactionDetails(req, res);
    } catch (error) {
      if (error instanceof errors.SessionNotFound) {
        await renderError(req, res, {
          kind: "expired",
          error: "interaction_expired",
          description: "This sign-in request has expired or was already completed.",
        });
        return undefined;
      }
      throw error;
    }
  }

  /** Records the consent for the scopes and claims the app is still missing; returns the grant id. */
  async function grantMissing(interaction: Details): Promise<string> {
    const { prompt, params, session, grantId: existing } = interaction;
    const accountId = session?.accountId;
    if (!accountId) throw new Error("consent without a signed-in account");
    const { Grant } = provider();
    const grant = existing
      ? ((await Grant.find(existing)) ?? new Grant({ accountId, clientId: String(params.client_id) }))
      : new Grant({ accountId, clientId: String(params.client_id) });
    const detail = prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (detail.missingOIDCScope?.length) grant.addOIDCScope(detail.missingOIDCScope.join(" "));
    if (detail.missingOIDCClaims?.length) grant.addOIDCClaims(detail.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(detail.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(" "));
    }
    return grant.save();
  }

  /**
   * The API permissions the consent page lists: those not granted yet (new) and, of those asked
   * again, the ones granted before, per requested API.
   */
  async function askedApis(interaction: Details) {
    const missing =
      (interaction.prompt.details as { missingResourceScopes?: Record<string, string[]> }).missingResourceScopes ?? {};
    const grant = interaction.grantId ? await provider().Grant.find(interaction.grantId) : undefined;
    const requested = requestedScopes(interaction.params.scope);
    const asked = requestedResources(interaction.params.resource).map((indicator) => {
      const granted = (grant?.getResourceScope(indicator) ?? "").split(" ").filter(Boolean);
      const isNew = missing[indicator] ?? [];
      return {
        indicator,
        granted,
        asked: [...new Set([...isNew, ...requested.filter((scope) => granted.includes(scope))])],
      };
    });
    return consentApis(db, asked);
  }

  /** Records the step's result; consent keeps the sign-in it follows (prompt=login, max_age). */
  async function finish(req: IncomingMessage, res: ServerResponse, result: InteractionResults, merge = true) {
    const location = await provider().interactionResult(req, res, result, { mergeWithLastSubmission: merge });
    redirect(req, res, location);
  }

  /** GET /interaction/:uid: the sign-in or consent page. */
  async function page(req: IncomingMessage, res: ServerResponse, uid: string) {
    const interaction = await details(req, res);
    if (!interaction) return;
    if (interaction.uid !== uid) {
      return renderError(req, res, { kind: "expired", error: "interaction_expired" });
    }
    const client = await clientSummary(String(interaction.params.client_id));
    if (!client) return renderError(req, res, { kind: "unknown_client", error: "invalid_client" });
    const csrf = csrfToken(uid);
    let view: InteractionView;
    const secondStep =
      interaction.prompt.name === "login" ? await secondFactor.view(req, interaction, client) : undefined;
    if (secondStep) view = secondStep;
    else if (interaction.prompt.name === "login") {
      const loginHint = typeof interaction.params.login_hint === "string" ? interaction.params.login_hint : undefined;
      const query = new URL(req.url ?? "/", "http://localhost").searchParams;
      const shown = query.get("error");
      const error = shown === INVALID_CREDENTIALS || shown === TOO_MANY_ATTEMPTS ? shown : undefined;
      const retryAfter = error === TOO_MANY_ATTEMPTS ? retrySeconds(query.get("retry_after")) : undefined;
      // Back from a password reset or a sign-up started on this page (account-email/, registration/).
      const shownNotice = query.get("notice");
      const notice = shownNotice === "password_changed" || shownNotice === "registered" ? shownNotice : undefined;
      view = {
        kind: "login",
        uid,
        csrf,
        client,
        loginHint,
        ...(error ? { error } : {}),
        ...(retryAfter ? { retryAfter } : {}),
        ...(notice && !error ? { notice } : {}),
        ...((await registrationOpen()) ? { registration: true } : {}),
      };
    } else {
      const accountId = interaction.session?.accountId ?? "";
      const user = await users.account(accountId);
      if (!user) return renderError(req, res, { kind: "expired", error: "interaction_expired" });
      const common = { uid, csrf, client, account: { email: user.email, name: user.name } };
      if (interaction.prompt.name === "select_account") view = selectAccountView(interaction, common);
      else if (interaction.prompt.name === ACCESS_PROMPT) view = { kind: "access_denied", ...common };
      // First-party apps skip consent, except for a device sign-in (see grant-loader.ts).
      else if (!client.thirdParty && !(interaction as { deviceCode?: string }).deviceCode)
        return finish(req, res, { consent: { grantId: await grantMissing(interaction) } });
      else view = consentView(interaction, common, await askedApis(interaction));
    }
    await renderPage(req, res, view);
  }

  async function renderPage(req: IncomingMessage, res: ServerResponse, view: InteractionView) {
    res.setHeader("cache-control", "no-store");
    await render(req, res, "interaction", view);
  }

  /** Reads a form post; answers for the caller and returns undefined when it is not acceptable. */
  async function post(req: IncomingMessage, res: ServerResponse, uid: string) {
    let form: Record<string, string>;
    try {
      form = await readForm(req);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      return void renderError(req, res, { kind: "generic", error: "invalid_request", description: error.message });
    }
    if (!checkForgery(req, uid, form.csrf)) {
      const description = "The form could not be verified. Reload the page and try again.";
      return void renderError(req, res, { kind: "generic", error: "forbidden", description }, 403);
    }
    const interaction = await details(req, res);
    if (!interaction) return undefined;
    if (interaction.uid !== uid) {
      return void renderError(req, res, { kind: "expired", error: "interaction_expired" });
    }
    return { form, interaction };
  }

  /** The Application row behind a client (none for Latchkey's built-in clients). */
  async function appIdOf(clientId: string): Promise<string | undefined> {
    const record = await clients.find(clientId);
    return record && record.applicationId !== clientId ? record.applicationId : undefined;
  }

  /** Security events are recorded, but a failure to record never blocks a sign-in. */
  async function audit(event: AuditInput) {
    await insertAudit(sql, event).catch((error) => onAuditError(error));
  }

  /**
   * A sign-in form that was not filled in: the page again, each field with its error and the
   * typed email kept. Nothing was checked, so nothing is counted or recorded.
   */
  async function showFieldErrors(
    req: IncomingMessage,
    res: ServerResponse,
    { form, interaction }: { form: Record<string, string>; interaction: Details },
    issues: { path: PropertyKey[]; message: string }[],
  ) {
    const client = await clientSummary(String(interaction.params.client_id));
    if (!client) return renderError(req, res, { kind: "unknown_client", error: "invalid_client" });
    const fieldErrors: { email?: string; password?: string } = {};
    for (const { path, message } of issues) {
      const field = path[0];
      if ((field === "email" || field === "password") && !fieldErrors[field]) fieldErrors[field] = message;
    }
    const uid = interaction.uid;
    const email = typeof form.email === "string" ? form.email.slice(0, 254) : undefined;
    const view: InteractionView = {
      kind: "login",
      uid,
      csrf: csrfToken(uid),
      client,
      email,
      fieldErrors,
      ...((await registrationOpen()) ? { registration: true } : {}),
    };
    await render(req, res, "interaction", view, 400);
  }

  const kit: InteractionKit = {
    db,
    kek,
    throttle,
    pending: createPendingSignIns(csrfKey, secureCookies),
    required: twoFactorRequired,
    post,
    finish,
    renderError,
    renderPage,
    redirect: (req, res, location) => redirect(req, res, location),
    audit,
    appIdOf,
    clientSummary,
    clientAddress,
    csrfToken,
  };
  const secondFactor = createSecondFactorSteps(kit);
  const passkeys = createPasskeySteps(kit, relyingParty, secondFactor);

  /** POST /interaction/:uid/login */
  async function login(req: IncomingMessage, res: ServerResponse, uid: string) {
    const posted = await post(req, res, uid);
    if (!posted) return;
    if (posted.interaction.prompt.name !== "login")
      return renderError(req, res, { kind: "expired", error: "interaction_expired" });
    const parsed = signInSchema.safeParse(posted.form);
    if (!parsed.success && !wantsJson(req)) return showFieldErrors(req, res, posted, parsed.error.issues);
    const address = clientAddress(req);
    const email = parsed.success ? parsed.data.email : "";
    // A form that names no account (no email, no password) checks nothing, so it counts against no one.
    const outcome = parsed.success
      ? await throttle.attempt(address, email, () => users.checkPassword(email, parsed.data.password))
      : { result: undefined };
    if ("retryAfterMs" in outcome) {
      // The page tells the user when to try again; scripts get the same number.
      const retryAfter = Math.ceil(outcome.retryAfterMs / 1000);
      res.setHeader("retry-after", String(retryAfter));
      if (wantsJson(req)) return sendJson(res, 429, { error: TOO_MANY_ATTEMPTS, retryAfter });
      const query = new URLSearchParams({ error: TOO_MANY_ATTEMPTS, retry_after: String(retryAfter) });
      res.writeHead(303, { location: `/interaction/${uid}?${query}`, "cache-control": "no-store" });
      return void res.end();
    }
    const user = outcome.result;
    const clientId = String(posted.interaction.params.client_id);
    const applicationId = await appIdOf(clientId);
    if (!user) {
      // Who tried is worth knowing (the typed email, never the password).
      await audit({ type: "sign_in.failed", actor: { label: email.slice(0, 254) }, applicationId, ip: address });
      if (wantsJson(req)) return sendJson(res, 400, { error: INVALID_CREDENTIALS });
      res.writeHead(303, { location: `/interaction/${uid}?error=${INVALID_CREDENTIALS}`, "cache-control": "no-store" });
      return void res.end();
    }
    // A user with a second factor (or who must set one up) is not signed in yet: that step comes first.
    if (await secondFactor.afterPassword(req, res, posted.interaction, user.id)) return;
    await audit({
      type: "sign_in.succeeded",
      actor: { id: user.id, label: user.email },
      userId: user.id,
      applicationId,
      after: { amr: [AMR_PASSWORD] },
      ip: address,
    });
    const login = { accountId: user.id, remember: true, amr: [AMR_PASSWORD], acr: ACR_PASSWORD };
    await finish(req, res, { login }, false);
  }

  /** POST /interaction/:uid/confirm: the user authorized the app. */
  async function confirm(req: IncomingMessage, res: ServerResponse, uid: string) {
    const posted = await post(req, res, uid);
    if (!posted) return;
    if (posted.interaction.prompt.name !== "consent")
      return renderError(req, res, { kind: "expired", error: "interaction_expired" });
    const grantId = await grantMissing(posted.interaction);
    const accountId = posted.interaction.session?.accountId;
    const details = posted.interaction.prompt.details as {
      missingOIDCScope?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    const scopes = details.missingOIDCScope ?? [];
    const permissions = Object.entries(details.missingResourceScopes ?? {}).flatMap(([indicator, names]) =>
      names.map((name) => `${indicator} ${name}`),
    );
    await audit({
      type: "consent.granted",
      actor: { id: accountId, label: accountId ?? "" },
      userId: accountId,
      applicationId: await appIdOf(String(posted.interaction.params.client_id)),
      after: permissions.length ? { scopes, permissions } : { scopes },
      ip: clientAddress(req),
    });
    await finish(req, res, { consent: { grantId } });
  }

  /** POST /interaction/:uid/continue: prompt=select_account, and the user keeps the signed-in account. */
  async function continueAs(req: IncomingMessage, res: ServerResponse, uid: string) {
    const posted = await post(req, res, uid);
    if (!posted) return;
    if (posted.interaction.prompt.name !== "select_account")
      return renderError(req, res, { kind: "expired", error: "interaction_expired" });
    await finish(req, res, { select_account: {} });
  }

  /** POST /interaction/:uid/switch: "Use another account" (or "Not you?"): the sign-in page again. */
  async function switchAccount(req: IncomingMessage, res: ServerResponse, uid: string) {
    const posted = await post(req, res, uid);
    if (!posted) return;
    if (posted.interaction.prompt.name === "login")
      return renderError(req, res, { kind: "expired", error: "interaction_expired" });
    await finish(req, res, anotherAccount, false);
  }

  /**
   * POST /interaction/:uid/abort: the user cancelled, or was told the app's access rule leaves
   * them out; either way the app receives access_denied.
   */
  async function abort(req: IncomingMessage, res: ServerResponse, uid: string) {
    const posted = await post(req, res, uid);
    if (!posted) return;
    const description =
      posted.interaction.prompt.name === ACCESS_PROMPT
        ? "The user is not allowed to use this application."
        : "The user cancelled the request.";
    await finish(req, res, { error: "access_denied", error_description: description });
  }

  return {
    page,
    login,
    confirm,
    abort,
    continue: continueAs,
    switch: switchAccount,
    "second-factor": secondFactor.verify,
    enrol: secondFactor.enrol,
    enrolled: secondFactor.enrolled,
    "passkey-options": passkeys.options,
    passkey: passkeys.verify,
    csrfToken,
  };
}
