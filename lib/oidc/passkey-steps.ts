import type { IncomingMessage, ServerResponse } from "node:http";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import type Provider from "oidc-provider";
import {
  authenticationOptions,
  PasskeyError,
  type PasskeyRefusal,
  type UsedPasskey,
  verifyAuthentication,
} from "../passkeys/ceremonies";
import type { ChallengeBinding } from "../passkeys/challenges";
import type { RelyingParty } from "../passkeys/relying-party";
import { ACR_TWO_FACTOR, AMR_HARDWARE_KEY, AMR_MULTI, AMR_SOFTWARE_KEY } from "./acr";
import type { InteractionKit } from "./second-factor";
import type { PendingSignIn } from "./second-factor-state";

type Details = Awaited<ReturnType<Provider["interactionDetails"]>>;
type Req = IncomingMessage;
type Res = ServerResponse;

/** What the passkey steps borrow from the second-factor steps (lib/oidc/second-factor.ts). */
type SecondStep = {
  pendingFor(req: Req, interaction: Details): PendingSignIn | undefined;
  signedIn(
    req: Req,
    res: Res,
    interaction: Details,
    pending: PendingSignIn,
    method: string,
    used: string[],
  ): Promise<void>;
};

function sendJson(res: Res, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** RFC 8176: a key kept in hardware on one device (hwk), or one a provider syncs between devices (swk). */
export const passkeyAmr = (deviceType: string) => (deviceType === "multiDevice" ? AMR_SOFTWARE_KEY : AMR_HARDWARE_KEY);

/**
 * Passkeys in a sign-in, both ways: on the sign-in page with no email (a discoverable credential;
 * the passkey names its user), and as the second step after a password (only that user's passkeys).
 * The page's script asks for options, the browser signs the challenge, and the answer completes
 * the interaction like the password form does. A user-verified passkey is two factors in one:
 * the login records amr [hwk|swk, mfa] and the two-factor acr.
 */
export function createPasskeySteps(kit: InteractionKit, rp: RelyingParty, second: SecondStep) {
  const expired = { kind: "expired" as const, error: "interaction_expired" };

  /** The challenge's binding: this interaction, and the user who owes a second factor, if one does. */
  function bindingFor(req: Req, interaction: Details): { binding: ChallengeBinding; pending?: PendingSignIn } {
    const pending = second.pendingFor(req, interaction);
    if (pending) {
      return {
        binding: { purpose: "second_factor", userId: pending.userId, interactionUid: interaction.uid },
        pending,
      };
    }
    return { binding: { purpose: "sign_in", interactionUid: interaction.uid } };
  }

  /** POST /interaction/:uid/passkey-options: a fresh challenge for the browser to sign. */
  async function options(req: Req, res: Res, uid: string) {
    const posted = await kit.post(req, res, uid);
    if (!posted) return;
    if (posted.interaction.prompt.name !== "login") return kit.renderError(req, res, expired);
    const { binding } = bindingFor(req, posted.interaction);
    sendJson(res, 200, await authenticationOptions(kit.db, rp, binding));
  }

  /** POST /interaction/:uid/passkey: the signed challenge; on success the sign-in goes on to the app. */
  async function verify(req: Req, res: Res, uid: string) {
    const posted = await kit.post(req, res, uid);
    if (!posted) return;
    const { interaction, form } = posted;
    if (interaction.prompt.name !== "login") return kit.renderError(req, res, expired);
    let response: AuthenticationResponseJSON;
    try {
      response = JSON.parse(String(form.response ?? "")) as AuthenticationResponseJSON;
    } catch {
      return sendJson(res, 400, { error: "passkey_refused" });
    }
    const { binding, pending } = bindingFor(req, interaction);
    const address = kit.clientAddress(req);
    // Counted like passwords: per user for a second step, per credential for a sign-in by passkey.
    const key = pending ? `second-factor:${pending.userId}` : `passkey:${String(response?.id ?? "").slice(0, 256)}`;
    let reason: PasskeyRefusal | undefined;
    const outcome = await kit.throttle.attempt(address, key, async (): Promise<UsedPasskey | undefined> => {
      try {
        return await verifyAuthentication(kit.db, rp, binding, response);
      } catch (error) {
        if (!(error instanceof PasskeyError)) throw error;
        reason = error.reason;
        return undefined;
      }
    });
    if ("retryAfterMs" in outcome) {
      const retryAfter = Math.ceil(outcome.retryAfterMs / 1000);
      res.setHeader("retry-after", String(retryAfter));
      return sendJson(res, 429, { error: "too_many_attempts", retryAfter });
    }
    const applicationId = await kit.appIdOf(String(interaction.params.client_id));
    const used = outcome.result;
    const user = used && (await kit.db.user.findUnique({ where: { id: used.userId } }));
    if (!used || !user || user.status !== "active") {
      await kit.audit({
        type: pending ? "two_factor.failed" : "sign_in.failed",
        actor: pending ? { id: pending.userId, label: pending.userId } : { label: "passkey" },
        userId: pending?.userId,
        applicationId,
        after: { method: "passkey", reason: reason ?? "inactive_user" },
        ip: address,
      });
      return sendJson(res, 400, { error: "passkey_refused" });
    }
    const amr = passkeyAmr(used.deviceType);
    await kit.audit({
      type: "passkey.used",
      actor: { id: user.id, label: user.email },
      userId: user.id,
      applicationId,
      after: { name: used.name, step: pending ? "second_factor" : "sign_in" },
      ip: address,
    });
    if (pending) return second.signedIn(req, res, interaction, pending, "passkey", [amr]);
    const login = { accountId: user.id, remember: true, amr: [amr, AMR_MULTI], acr: ACR_TWO_FACTOR };
    await kit.audit({
      type: "sign_in.succeeded",
      actor: { id: user.id, label: user.email },
      userId: user.id,
      applicationId,
      after: { amr: login.amr, method: "passkey" },
      ip: address,
    });
    await kit.finish(req, res, { login }, false);
  }

  return { options, verify };
}
