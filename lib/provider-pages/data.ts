/**
 * What the server hands a Next.js page it renders on the provider's behalf. The server resolves
 * the interaction (checking its cookie) and passes only what the page shows.
 */
export type ClientSummary = {
  /** The branding's display name when set, else the app's name. */
  name: string;
  clientId: string;
  thirdParty: boolean;
  /** Third-party apps: what the consent page shows of whom the user is trusting ("" when unset). */
  branding?: { logoUrl: string; logoDarkUrl: string; termsUrl: string; privacyUrl: string };
};

export type InteractionView =
  | {
      kind: "login";
      uid: string;
      csrf: string;
      client: ClientSummary;
      loginHint?: string;
      error?: "invalid_credentials" | "too_many_attempts";
      /** With too_many_attempts: seconds until the next try is allowed. */
      retryAfter?: number;
      /** The user just chose a new password from a reset email and comes back to this sign-in. */
      notice?: "password_changed";
    }
  | {
      kind: "consent";
      uid: string;
      csrf: string;
      client: ClientSummary;
      /** User scopes the app asks for and the user has not granted yet (all it asks for, when `again`). */
      scopes: string[];
      /** The app asks to keep access while the user is away (offline_access: a refresh token). */
      offline: boolean;
      /** Nothing new is asked: the app asked to confirm a remembered consent again (prompt=consent). */
      again: boolean;
      account: AccountSummary;
      /** Where the user is sent back to, whatever they choose. */
      returnTo: string;
    }
  | {
      /** prompt=select_account with a signed-in session: continue as this account, or use another. */
      kind: "select_account";
      uid: string;
      csrf: string;
      client: ClientSummary;
      account: AccountSummary;
      returnTo: string;
    };

export type AccountSummary = { email: string; name: string };

export type ErrorKind = "unknown_client" | "bad_redirect_uri" | "expired" | "access_denied" | "generic" | "unavailable";
export type ErrorView = {
  kind: ErrorKind;
  error: string;
  description?: string;
  /** bad_redirect_uri: the address the app asked to send the user back to, and whether it registered any. */
  redirect?: { requested?: string; appName?: string; noneRegistered: boolean };
};
/** `clientId` lets the page name Latchkey's own clients in the reader's language. */
export type LogoutView = { xsrf: string; action: string; clientName?: string; clientId?: string };
export type SignedOutView = { clientName?: string; clientId?: string };

/** Why the device page asks for the code again (oidc-provider's re-render errors, by name). */
export type DeviceCodeProblem = "not_found" | "expired" | "already_used" | "aborted" | "no_code" | "generic";
/** The device authorization grant's pages (RFC 8628), at /oidc/device: enter the code, confirm it, done. */
export type DeviceView =
  | { step: "input"; action: string; xsrf: string; userCode?: string; problem?: DeviceCodeProblem }
  | { step: "confirm"; action: string; xsrf: string; userCode: string; clientName?: string; clientId: string }
  | { step: "success"; clientName?: string; clientId?: string };

/** Which link an email carried: a password reset, an invitation, an address to verify. */
export type EmailLinkPurpose = "reset" | "invite" | "verify";
/** A new password's field errors, as `validation` catalog keys. */
export type PasswordErrors = { password?: string; confirmPassword?: string };
/**
 * The pages behind "Forgot password?" and the links Latchkey emails (/password, /email): ask for
 * the address, say the email is on its way, choose a password, and the outcomes.
 */
export type PasswordView =
  | {
      step: "request";
      csrf: string;
      /** The sign-in (interaction uid) this started from, to return to. */
      uid?: string;
      error?: "too_many_attempts" | "invalid_email";
      retryAfter?: number;
      /** SMTP_URL is not set: no email can be sent, so the page says to ask an administrator. */
      emailOff?: boolean;
    }
  | { step: "sent"; uid?: string }
  | {
      step: "choose";
      purpose: Exclude<EmailLinkPurpose, "verify">;
      csrf: string;
      token: string;
      email: string;
      errors?: PasswordErrors;
    }
  | { step: "invalid"; purpose: EmailLinkPurpose }
  | { step: "done"; purpose: Exclude<EmailLinkPurpose, "verify"> }
  | { step: "verified"; email: string };

export type ViewName = "interaction" | "error" | "logout" | "signed-out" | "device" | "password";
export type ViewData = {
  interaction: InteractionView;
  error: ErrorView;
  logout: LogoutView;
  "signed-out": SignedOutView;
  device: DeviceView;
  password: PasswordView;
};

/** The request header that carries a view; the server strips it from every incoming request. */
export const VIEW_HEADER = "x-latchkey-view";

/** The request header that tells a page its own path and query; set by the server only. */
export const URL_HEADER = "x-latchkey-url";

export function encodeView<N extends ViewName>(name: N, data: ViewData[N]): string {
  return Buffer.from(JSON.stringify({ name, data })).toString("base64url");
}

export function decodeView<N extends ViewName>(name: N, header: string | null): ViewData[N] | undefined {
  if (!header) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { name: string; data: ViewData[N] };
    return parsed.name === name ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
