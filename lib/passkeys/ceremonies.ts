import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import type { Db } from "../db/client";
import { type ChallengeBinding, issueChallenge, takeChallenge } from "./challenges";
import type { RelyingParty } from "./relying-party";

/** How long the browser's own prompt waits (shorter than the stored challenge lives). */
const PROMPT_TIMEOUT_MS = 120_000;
/** EdDSA, ES256, RS256: what platform authenticators and security keys make. */
const ALGORITHMS = [-8, -7, -257];

const bytes = (base64url: string) => new Uint8Array(Buffer.from(base64url, "base64url"));
const userHandle = (userId: string) => Buffer.from(userId, "utf8").toString("base64url");

/** Why a passkey response was refused (the log and the tests tell them apart; users see one message). */
export type PasskeyRefusal = "malformed" | "challenge" | "unknown_credential" | "wrong_user" | "invalid";

export class PasskeyError extends Error {
  constructor(readonly reason: PasskeyRefusal) {
    super(`passkey refused: ${reason}`);
  }
}

/** What a registration stores: everything the passkey row needs but its name. */
export type NewPasskey = {
  id: string;
  publicKey: string;
  counter: number;
  transports: string[];
  deviceType: "singleDevice" | "multiDevice";
  backedUp: boolean;
};

/**
 * Options for adding a passkey: a discoverable credential (so sign-in needs no email) with user
 * verification (so it counts as two factors), never one of the user's own passkeys twice.
 */
export async function registrationOptions(
  db: Db,
  rp: RelyingParty,
  user: { id: string; email: string; name: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await db.passkey.findMany({ where: { userId: user.id }, select: { id: true, transports: true } });
  const challenge = await issueChallenge(db, { purpose: "register", userId: user.id });
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name || user.email,
    userID: bytes(userHandle(user.id)),
    challenge: bytes(challenge),
    timeout: PROMPT_TIMEOUT_MS,
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: splitTransports(p.transports) })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    supportedAlgorithmIDs: ALGORITHMS,
  });
}

/** Checks the browser's answer to `registrationOptions` (its challenge is taken, good once). */
export async function verifyRegistration(
  db: Db,
  rp: RelyingParty,
  userId: string,
  response: RegistrationResponseJSON,
): Promise<NewPasskey> {
  let result: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    result = await verifyRegistrationResponse({
      response,
      expectedChallenge: (challenge) => takeChallenge(db, challenge, { purpose: "register", userId }),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
  } catch {
    throw new PasskeyError("invalid");
  }
  if (!result.verified || !result.registrationInfo) throw new PasskeyError("invalid");
  const { credential, credentialDeviceType, credentialBackedUp } = result.registrationInfo;
  return {
    id: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString("base64url"),
    counter: credential.counter,
    transports: credential.transports ?? response.response.transports ?? [],
    deviceType: credentialDeviceType,
    backedUp: credentialBackedUp,
  };
}

/**
 * Options for signing in with a passkey. With a user (the second step after a password), only that
 * user's passkeys are offered; without one (the sign-in page), any discoverable passkey of this site.
 */
export async function authenticationOptions(
  db: Db,
  rp: RelyingParty,
  binding: ChallengeBinding,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const allowed = binding.userId
    ? await db.passkey.findMany({ where: { userId: binding.userId }, select: { id: true, transports: true } })
    : [];
  const challenge = await issueChallenge(db, binding);
  return generateAuthenticationOptions({
    rpID: rp.id,
    challenge: bytes(challenge),
    timeout: PROMPT_TIMEOUT_MS,
    userVerification: "required",
    allowCredentials: allowed.map((p) => ({ id: p.id, transports: splitTransports(p.transports) })),
  });
}

/** A passkey that signed in: whose it is and how it is kept (singleDevice → amr hwk, multiDevice → swk). */
export type UsedPasskey = { id: string; userId: string; name: string; deviceType: string };

/**
 * Checks a sign-in with a passkey: the challenge is taken (good once, under this binding), the
 * credential must be known (and the binding's user's, when there is one), the signature must
 * verify with its public key, and user verification is required. The new signature counter and
 * the time of use are stored; a counter that did not move forward is refused (a cloned key).
 */
export async function verifyAuthentication(
  db: Db,
  rp: RelyingParty,
  binding: ChallengeBinding,
  response: AuthenticationResponseJSON,
  now = new Date(),
): Promise<UsedPasskey> {
  if (typeof response?.id !== "string" || typeof response.response?.clientDataJSON !== "string") {
    throw new PasskeyError("malformed");
  }
  const stored = await db.passkey.findUnique({ where: { id: response.id } });
  // The challenge is taken before anything else can refuse: a response is good for one try only.
  const challenge = challengeOf(response.response.clientDataJSON);
  if (!challenge || !(await takeChallenge(db, challenge, binding))) throw new PasskeyError("challenge");
  if (!stored) throw new PasskeyError("unknown_credential");
  if (binding.userId && stored.userId !== binding.userId) throw new PasskeyError("wrong_user");
  // A discoverable credential names its user: it must be the one the passkey was registered to.
  const handle = response.response.userHandle;
  if (handle && handle !== userHandle(stored.userId)) throw new PasskeyError("wrong_user");
  let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: stored.id,
        publicKey: bytes(stored.publicKey),
        counter: Number(stored.counter),
        transports: splitTransports(stored.transports),
      },
      requireUserVerification: true,
    });
  } catch {
    throw new PasskeyError("invalid");
  }
  if (!result.verified) throw new PasskeyError("invalid");
  const info = result.authenticationInfo;
  // Conditional on the counter read above, so two answers racing with one counter value count once.
  const updated = await db.passkey.updateMany({
    where: { id: stored.id, counter: stored.counter },
    data: {
      counter: BigInt(info.newCounter),
      lastUsedAt: now,
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
    },
  });
  if (updated.count !== 1) throw new PasskeyError("invalid");
  return { id: stored.id, userId: stored.userId, name: stored.name, deviceType: info.credentialDeviceType };
}

/** The challenge a response's clientDataJSON says it answers. */
function challengeOf(clientDataJSON: string): string | undefined {
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8")) as { challenge?: unknown };
    return typeof data.challenge === "string" ? data.challenge : undefined;
  } catch {
    return undefined;
  }
}

function splitTransports(value: string) {
  return value ? (value.split(",") as AuthenticatorTransportFuture[]) : undefined;
}

type AuthenticatorTransportFuture = NonNullable<RegistrationResponseJSON["response"]["transports"]>[number];
