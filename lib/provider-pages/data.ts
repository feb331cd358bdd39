/**
 * What the server's end-user pages show (sign-in, consent, errors, sign-out, device), one type per
 * view. The server resolves the interaction (checking its cookie) and passes only what the page
 * shows; lib/provider-pages/render.tsx renders the view's component from components/account/
 * (see CONTRIBUTING.md, "Adding an end-user view").
 */
export type ClientSummary = {
  /** The branding's display name when set, else the app's name. */
  name: string;
  clientId: string;
  thirdParty: boolean;
  /** Third-party apps: what the consent page shows of whom the user is trusting ("" when unset). */
  branding?: { logoUrl: string; logoDarkUrl: string; termsUrl: string; privacyUrl: string };
};

/** Why the sign-in page is shown again after a try. */
export type SignInProblem = "invalid_credentials" | "too_many_attempts";

export type InteractionView =
  | {
      kind: "login";
      uid: string;
      csrf: string;
      client: ClientSummary;
      loginHint?: string;
      error?: SignInProblem;
      /** With too_many_attempts: seconds until the next try is allowed. */
      retryAfter?: number;
      /** A form that was not filled in: what was typed in the email field, and each field's error (a `validation` key). */
      email?: string;
      fieldErrors?: { email?: string; password?: string };
      /** Back to this sign-in after choosing a new password from a reset email, or after a sign-up's link. */
      notice?: "password_changed" | "registered";
      /** Self-registration is on: the page offers "Create account". */
      registration?: boolean;
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
      /** Permissions of the organization's own APIs the app asks for, grouped by API. */
      apis: ConsentApi[];
    }
  | {
      /**
       * The app lets only users with certain roles sign in, and this user has none of them:
       * nothing is issued; the page says so and its one button sends the app access_denied.
       */
      kind: "access_denied";
      uid: string;
      csrf: string;
      client: ClientSummary;
      account: AccountSummary;
    }
  | {
      /** prompt=select_account with a signed-in session: continue as this account, or use another. */
      kind: "select_account";
      uid: string;
      csrf: string;
      client: ClientSummary;
      account: AccountSummary;
      returnTo: string;
    }
  | {
      /** After the password: the code from the authenticator app, or a recovery code. */
      kind: "second_factor";
      uid: string;
      csrf: string;
      client: ClientSummary;
      account: AccountSummary;
      /** The recovery code form instead of the app's code. */
      recovery: boolean;
      /** Which second factors the user has: the app's code (and recovery codes), a passkey. */
      totp: boolean;
      passkey: boolean;
      error?: SecondFactorError;
      retryAfter?: number;
    }
  | {
      /** Two-factor is required (everyone's policy, the app, or its acr_values) and the user has none yet. */
      kind: "second_factor_enrol";
      uid: string;
      csrf: string;
      client: ClientSummary;
      account: AccountSummary;
      enrolment: TotpEnrolment;
      error?: SecondFactorError;
    }
  | {
      /** Right after enrolling during sign-in: the recovery codes, shown once, then on to the app. */
      kind: "recovery_codes";
      uid: string;
      csrf: string;
      client: ClientSummary;
      codes: string[];
    };

export type AccountSummary = { email: string; name: string };

/**
 * An API on the consent page: its name and the permissions asked, each with the description
 * users read. `isNew`: not granted before (the page marks what changed since the last consent).
 */
export type ConsentApi = {
  name: string;
  indicator: string;
  permissions: { name: string; description: string; isNew: boolean }[];
};

/** Adding an authenticator app: the QR code (an SVG document made on the server) and the same secret as text. */
export type TotpEnrolment = { qrSvg: string; secret: string; otpauthUri: string };

/** The account page's two-factor section (/account). */
export type TwoFactorCardData = {
  /** The app is on: when it was set up and last used (formatted), and the recovery codes left. */
  totp: { enabledAt: string; lastUsedAt?: string; recoveryCodesLeft: number } | null;
  /** The anti-forgery token the forms carry. */
  token: string;
  /** Two-factor is required for this user (everyone's policy): it cannot be turned off here. */
  required: boolean;
  /**
   * What the last form did (from the redirect), to say so; why turning it off was refused; or why
   * the current password asked to set up an app or make new recovery codes was refused.
   */
  notice?:
    | "removed"
    | "invalid_code"
    | "too_many_attempts"
    | "password_required"
    | "password_wrong"
    | "password_throttled"
    | "setup_expired";
};

/** Why a two-factor form is shown again. */
export type SecondFactorError = "invalid_code" | "too_many_attempts";

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
export type EmailLinkPurpose = "reset" | "invite" | "verify" | "email_change";
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
      purpose: "reset" | "invite";
      csrf: string;
      token: string;
      email: string;
      errors?: PasswordErrors;
    }
  | { step: "invalid"; purpose: EmailLinkPurpose }
  /**
   * An email change's link, opened: the change happens only when this page's button posts, so a
   * mail scanner that opens every link changes nothing. `from` is the account's address today.
   */
  | { step: "confirm_change"; csrf: string; token: string; email: string; from: string }
  | { step: "done"; purpose: "reset" | "invite" }
  /** An address proved by its link; `changed` when the link moved the account to it (from /account). */
  | { step: "verified"; email: string; changed?: boolean };

/** The sign-up page's fields' errors (a `validation` key each). */
export type RegisterErrors = Partial<Record<"email" | "name" | "password" | "confirmPassword", string>>;

/**
 * "Create account" (self-registration): the form, "check your email", and what its link leads to.
 * `closed` when the console does not allow it.
 */
export type RegisterView =
  | {
      step: "form";
      csrf: string;
      /** The sign-in (interaction uid) this started from, to return to. */
      uid?: string;
      /** What was typed (after a refused form; never the password). */
      values: { email: string; name: string };
      errors?: RegisterErrors;
      error?: "too_many_attempts";
      retryAfter?: number;
    }
  | { step: "sent"; uid?: string }
  | { step: "invalid" }
  /**
   * The link, opened: the account is made only when this form posts with the password chosen at
   * sign-up, so neither a mail scanner opening the link nor the owner of an address someone else
   * signed up with can finish a sign-up whose password they did not choose.
   */
  | { step: "confirm"; csrf: string; token: string; email: string; error?: "password" }
  | { step: "done"; email: string }
  | { step: "closed" };

export type ViewName = "interaction" | "error" | "logout" | "signed-out" | "device" | "password" | "register";
export type ViewData = {
  interaction: InteractionView;
  error: ErrorView;
  logout: LogoutView;
  "signed-out": SignedOutView;
  device: DeviceView;
  password: PasswordView;
  register: RegisterView;
};

/** The request header that tells a page its own path and query; set by the server only. */
export const URL_HEADER = "x-latchkey-url";
