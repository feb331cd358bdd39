/**
 * Every error event oidc-provider emits before it writes an error answer: `server_error`,
 * `authorization.error`, and one `<route>.error` per route (9.13.3, lib/helpers/initialize_app.js).
 * There is no single hook for "an error answer is about to be sent", so Latchkey listens to each
 * (lib/oidc/provider.ts adds Retry-After to 503s); a unit test compares this list with the
 * events oidc-provider's router names, so a new route cannot be missed.
 */
export const errorEvents = [
  "server_error",
  "authorization.error",
  "grant.error",
  "introspection.error",
  "revocation.error",
  "userinfo.error",
  "end_session.error",
  "end_session_confirm.error",
  "end_session_success.error",
  "discovery.error",
  "jwks.error",
  "pushed_authorization_request.error",
  "device_authorization.error",
  "code_verification.error",
  "device_resume.error",
  "backchannel_authentication.error",
  "registration_create.error",
  "registration_read.error",
  "registration_update.error",
  "registration_delete.error",
  "openid_credential_issuer.error",
  "credential.error",
  "challenge.error",
] as const;
