/**
 * The only door to oidc-provider's internals: everything Latchkey does with oidc-provider
 * beyond its documented configuration (prototype patches, static overrides, the request
 * context, the HTML it hands to hooks, the names of its error events) lives in this folder, so
 * an upgrade breaks in one known place. Each file says why it exists and which behaviour of
 * oidc-provider it relies on; tests/unit/oidc-internals*.test.ts fail when that behaviour
 * changes. package.json pins oidc-provider to the releases those tests were run against.
 */

export { routeBackchannelLogouts, type SignedOutClient, type SignOut } from "./backchannel-logout";
export { findClientCredentials, type IssuedClientCredentials } from "./client-credentials";
export { cacheClientInstances } from "./client-instances";
export { checkClientSecrets, type SecretVerdict } from "./client-secrets";
export { currentRoute } from "./current-route";
export {
  announcePollInterval,
  deviceCodeProblem,
  deviceFormXsrf,
  deviceGrantRefusedAsUnauthorized,
  keepDeviceFormSecret,
  prefilledUserCode,
  restartSessionlessDeviceForm,
  takePrefilledUserCode,
} from "./device-flow";
export { errorEvents } from "./error-events";
export { logoutFormXsrf } from "./logout-form";
export { nameRefusedScopes } from "./refused-scope";
export { claimReplayIdsOnce } from "./replay-detection";
export { revocationWithoutBody } from "./revocation-response";
export { prefixClientCredentialsIds } from "./token-ids";

/** The oidc-provider release every override here was read against and tested with. */
export const CHECKED_AGAINST = "9.13.3";
