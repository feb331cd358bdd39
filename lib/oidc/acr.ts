/**
 * Authentication context class references (the ID token's `acr`), advertised in discovery as
 * `acr_values_supported`:
 * - ACR_PASSWORD: signed in with a password alone;
 * - ACR_TWO_FACTOR: a password and a second factor (an authenticator app's code, a recovery code
 *   or a passkey), or a user-verified passkey alone (something held and something known or been).
 * An app that needs the second factor asks with `acr_values=<ACR_TWO_FACTOR>` (or an essential
 * `acr` in the claims parameter); it then gets an ID token with that `acr`, or an error.
 */
export const ACR_PASSWORD = "urn:latchkey:acr:password";
export const ACR_TWO_FACTOR = "urn:latchkey:acr:two-factor";
export const acrValues = [ACR_PASSWORD, ACR_TWO_FACTOR];

/** The `amr` values (RFC 8176) of the ways Latchkey signs people in. */
export const AMR_PASSWORD = "pwd";
/** A one-time code: from an authenticator app, or a recovery code (each is good once). */
export const AMR_OTP = "otp";
export const AMR_MULTI = "mfa";
/** A passkey kept on one device (hardware-bound), and one a provider syncs between devices. */
export const AMR_HARDWARE_KEY = "hwk";
export const AMR_SOFTWARE_KEY = "swk";

type RequestParams = { acr_values?: unknown; claims?: unknown };

/** The ACRs an essential `acr` claim request (OIDC Core 5.5.1.1) accepts, if there is one. */
function essentialAcrs(claims: unknown): string[] | undefined {
  if (typeof claims !== "string") return undefined;
  try {
    const acr = (
      JSON.parse(claims) as { id_token?: { acr?: { essential?: boolean; value?: unknown; values?: unknown } } }
    ).id_token?.acr;
    if (!acr?.essential) return undefined;
    if (typeof acr.value === "string") return [acr.value];
    if (Array.isArray(acr.values)) return acr.values.filter((v): v is string => typeof v === "string");
  } catch {
    // oidc-provider refuses a malformed claims parameter itself.
  }
  return undefined;
}

/**
 * Whether an authorization request asks for a second factor: every ACR it would accept (from
 * `acr_values`, or an essential acr claim) is the two-factor one. A list that also names the
 * password ACR is a preference, which a password alone satisfies.
 */
export function asksForTwoFactor(params: RequestParams): boolean {
  const accepted =
    essentialAcrs(params.claims) ??
    (typeof params.acr_values === "string" ? params.acr_values.split(" ").filter(Boolean) : []);
  return accepted.length > 0 && accepted.every((value) => value === ACR_TWO_FACTOR);
}
