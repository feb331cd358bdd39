import { hash } from "node:crypto";
import type Provider from "oidc-provider";

type ReplayDetectionClass = { unique(iss: string, jti: string, exp: number): Promise<boolean> };

/**
 * Each client assertion (private_key_jwt) and DPoP proof may be used once: oidc-provider
 * remembers its `jti` through the ReplayDetection model until it expires. 9.13.3
 * (lib/models/replay_detection.js, static `unique`, called by lib/shared/jwt_client_auth.js and
 * lib/helpers/validate_dpop.js after the signature is verified) does it with `find`, then `save`:
 * the same assertion sent twice at once, to two instances or one, can be found by neither and
 * accepted by both. This replaces `unique` with `claim`, which records the id and answers whether
 * it was new in one atomic write (a unique key in the database). The id is derived as
 * oidc-provider derives it; `expiresAt` is when the assertion stops being acceptable anyway.
 */
export function claimReplayIdsOnce(provider: Provider, claim: (id: string, expiresAt: Date) => Promise<boolean>) {
  const ReplayDetection = provider.ReplayDetection as unknown as ReplayDetectionClass;
  ReplayDetection.unique = (iss, jti, exp) => claim(hash("sha256", `${iss}${jti}`, "base64url"), new Date(exp * 1000));
}
