import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import type { InteractionResults } from "oidc-provider";
import type { AuditInput } from "../audit/events";
import type { SignInThrottle } from "../auth/throttle";
import type { Db } from "../db/client";
import type { ClientSummary, ErrorView, InteractionView, SecondFactorError } from "../provider-pages/data";
import type { Kek } from "../secrets/envelope";
import { totpEnrolment } from "../two-factor/enrolment";
import { checkSecondFactor, confirmTotp, hasSecondFactor, secondFactors, startTotp } from "../two-factor/store";
import { ACR_TWO_FACTOR, AMR_MULTI, AMR_OTP, AMR_PASSWORD } from "./acr";
import type { createPendingSignIns, PendingSignIn } from "./second-factor-state";
import type { TwoFactorRequirement } from "./two-factor-requirement";

type Details = Awaited<ReturnType<Provider["interactionDetails"]>>;
type Res = ServerResponse;
type Req = IncomingMessage;

/** What the second-factor steps borrow from the interaction handlers (lib/oidc/interactions.ts). */
export type InteractionKit = {
  db: Db;
  kek: Kek;
  throttle: SignInThrottle;
  pending: ReturnType<typeof createPendingSignIns>;
  required: TwoFactorRequirement;
  post(req: Req, res: Res, uid: string): Promise<{ form: Record<string, string>; interaction: Details } | undefined>;
  finish(req: Req, res: Res, result: InteractionResults, merge?: boolean): Promise<void>;
  renderError(req: Req, res: Res, view: ErrorView, status?: number): Promise<void>;
  renderPage(req: Req, res: Res, view: InteractionView): Promise<void>;
  redirect(req: Req, res: Res, location: string): void;
  audit(event: AuditInput): Promise<void>;
  appIdOf(clientId: string): Promise<string | undefined>;
  clientSummary(clientId: string): Promise<ClientSummary | undefined>;
  clientAddress(req: Req): string;
  csrfToken(uid: string): string;
};

/** Login prompt reasons a signed-in user answers with a second factor alone (no password again). */
const stepUpReasons = new Set(["second_factor", "essential_acr", "essential_acrs"]);

const expired: ErrorView = { kind: "expired", error: "interaction_expired" };

/** The throttle counts wrong codes per user, like wrong passwords per email. */
const throttleKey = (userId: string) => `second-factor:${userId}`;

/**
 * The second step of a sign-in: after the password (or, for a signed-in user whose app asks for
 * more, on its own), a code from the authenticator app or a recovery code; or, when two-factor
 * is required and the user has none, setting up an app there and then. Only then is the login
 * recorded with oidc-provider, with `amr` and `acr` saying what was used.
 */
export function createSecondFactorSteps(kit: InteractionKit) {
  /** Who owes a second factor in this interaction, if anyone. */
  function pendingFor(req: Req, interaction: Details): PendingSignIn | undefined {
    const fromCookie = kit.pending.read(req, interaction.uid);
    if (fromCookie) return fromCookie;
    const { session, prompt } = interaction;
    // A signed-in user whose session lacks the second factor this request needs (step-up).
    if (session?.accountId && prompt.reasons.length > 0 && prompt.reasons.every((r) => stepUpReasons.has(r))) {
      const amr = (session as { amr?: string[] }).amr ?? [AMR_PASSWORD];
      return { uid: interaction.uid, userId: session.accountId, amr, exp: Number.POSITIVE_INFINITY };
    }
    return undefined;
  }

  /** After a right password: whether the sign-in goes on to a second step (then it has been sent there). */
  async function afterPassword(req: Req, res: Res, interaction: Details, userId: string): Promise<boolean> {
    const needed =
      (await hasSecondFactor(kit.db, userId)) ||
      (await kit.required(interaction.params, String(interaction.params.client_id)));
    if (!needed) return false;
    kit.pending.set(res, { uid: interaction.uid, userId, amr: [AMR_PASSWORD] });
    kit.redirect(req, res, `/interaction/${interaction.uid}`);
    return true;
  }

  /** The page for a pending sign-in: the code, or setting up an app. Undefined when none is pending. */
  async function view(req: Req, interaction: Details, client: ClientSummary): Promise<InteractionView | undefined> {
    const pending = pendingFor(req, interaction);
    if (!pending) return undefined;
    const user = await kit.db.user.findUnique({ where: { id: pending.userId } });
    if (user?.status !== "active") return undefined;
    const uid = interaction.uid;
    const common = { uid, csrf: kit.csrfToken(uid), client, account: { email: user.email, name: user.name } };
    const query = new URL(req.url ?? "/", "http://localhost").searchParams;
    const shown = query.get("error");
    const error: SecondFactorError | undefined =
      shown === "invalid_code" || shown === "too_many_attempts" ? shown : undefined;
    const factors = await secondFactors(kit.db, user.id);
    if (factors.totp || factors.passkey) {
      const retryAfter = Number(query.get("retry_after"));
      return {
        kind: "second_factor",
        ...common,
        ...factors,
        recovery: factors.totp && query.get("method") === "recovery",
        ...(error ? { error } : {}),
        ...(error === "too_many_attempts" && Number.isSafeInteger(retryAfter) && retryAfter > 0 && retryAfter <= 86_400
          ? { retryAfter }
          : {}),
      };
    }
    const secret = await startTotp(kit.db, kit.kek, user.id);
    return {
      kind: "second_factor_enrol",
      ...common,
      enrolment: await totpEnrolment(secret, user.email),
      ...(error ? { error } : {}),
    };
  }

  /** The second factor is in: the login is recorded, with what was used (`otp` unless said otherwise). */
  async function signedIn(
    req: Req,
    res: Res,
    interaction: Details,
    pending: PendingSignIn,
    method: string,
    used: string[] = [AMR_OTP],
  ) {
    const applicationId = await kit.appIdOf(String(interaction.params.client_id));
    const user = await kit.db.user.findUnique({ where: { id: pending.userId }, select: { email: true } });
    const amr = [...new Set([...pending.amr, ...used, AMR_MULTI])];
    await kit.audit({
      type: "sign_in.succeeded",
      actor: { id: pending.userId, label: user?.email ?? pending.userId },
      userId: pending.userId,
      applicationId,
      after: { amr, method },
      ip: kit.clientAddress(req),
    });
    kit.pending.clear(res, interaction.uid);
    await kit.finish(
      req,
      res,
      { login: { accountId: pending.userId, remember: true, amr, acr: ACR_TWO_FACTOR } },
      false,
    );
  }

  /** Back to the page with what went wrong, in the query (a plain form post has nowhere else to say it). */
  function again(req: Req, res: Res, uid: string, query: Record<string, string>) {
    kit.redirect(req, res, `/interaction/${uid}?${new URLSearchParams(query)}`);
  }

  /** POST /interaction/:uid/second-factor: the app's code, or a recovery code. */
  async function verify(req: Req, res: Res, uid: string) {
    const posted = await kit.post(req, res, uid);
    if (!posted) return;
    const pending = posted.interaction.prompt.name === "login" ? pendingFor(req, posted.interaction) : undefined;
    if (!pending) return kit.renderError(req, res, expired);
    const recovery = posted.form.method === "recovery";
    const typed = String(posted.form.code ?? "").slice(0, 40);
    const address = kit.clientAddress(req);
    const outcome = await kit.throttle.attempt(address, throttleKey(pending.userId), () =>
      checkSecondFactor(kit.db, kit.kek, pending.userId, typed),
    );
    const method = recovery ? { method: "recovery" } : ({} as Record<string, string>);
    if ("retryAfterMs" in outcome) {
      const retryAfter = String(Math.ceil(outcome.retryAfterMs / 1000));
      res.setHeader("retry-after", retryAfter);
      return again(req, res, uid, { ...method, error: "too_many_attempts", retry_after: retryAfter });
    }
    const applicationId = await kit.appIdOf(String(posted.interaction.params.client_id));
    if (!outcome.result) {
      await kit.audit({
        type: "two_factor.failed",
        actor: { id: pending.userId, label: pending.userId },
        userId: pending.userId,
        applicationId,
        after: { method: recovery ? "recovery_code" : "otp" },
        ip: address,
      });
      return again(req, res, uid, { ...method, error: "invalid_code" });
    }
    if (outcome.result === "recovery_code") {
      const left = await kit.db.recoveryCode.count({ where: { userId: pending.userId, usedAt: null } });
      await kit.audit({
        type: "two_factor.recovery_code_used",
        actor: { id: pending.userId, label: pending.userId },
        userId: pending.userId,
        applicationId,
        after: { recoveryCodesLeft: left },
        ip: address,
      });
    }
    await signedIn(req, res, posted.interaction, pending, outcome.result);
  }

  /** POST /interaction/:uid/enrol: the first code from the app being set up during sign-in. */
  async function enrol(req: Req, res: Res, uid: string) {
    const posted = await kit.post(req, res, uid);
    if (!posted) return;
    const pending = posted.interaction.prompt.name === "login" ? pendingFor(req, posted.interaction) : undefined;
    if (!pending || (await hasSecondFactor(kit.db, pending.userId))) return kit.renderError(req, res, expired);
    const user = await kit.db.user.findUnique({ where: { id: pending.userId }, select: { email: true } });
    const address = kit.clientAddress(req);
    const codes = await confirmTotp(kit.db, kit.kek, pending.userId, String(posted.form.code ?? "").slice(0, 40), {
      actor: { id: pending.userId, label: user?.email ?? pending.userId },
      ip: address,
    });
    if (!codes) return again(req, res, uid, { error: "invalid_code" });
    const client = await kit.clientSummary(String(posted.interaction.params.client_id));
    if (!client) return kit.renderError(req, res, expired);
    kit.pending.set(res, { uid, userId: pending.userId, amr: pending.amr, enrolled: true });
    // The codes exist in clear only in this answer: shown once, then on to the app. (The page is
    // the interaction's own, rendered in answer to this post.)
    req.url = `/interaction/${uid}`;
    req.method = "GET";
    await kit.renderPage(req, res, { kind: "recovery_codes", uid, csrf: kit.csrfToken(uid), client, codes });
  }

  /** POST /interaction/:uid/enrolled: the user saved the recovery codes; the sign-in is finished. */
  async function enrolled(req: Req, res: Res, uid: string) {
    const posted = await kit.post(req, res, uid);
    if (!posted) return;
    const pending = kit.pending.read(req, uid);
    if (!pending?.enrolled || posted.interaction.prompt.name !== "login") return kit.renderError(req, res, expired);
    await signedIn(req, res, posted.interaction, pending, "enrolled");
  }

  return { afterPassword, view, verify, enrol, enrolled, pendingFor, signedIn };
}
