import type { AccountForm } from "../validation/account";
import type { FieldErrors } from "./forms";

/** What one of /account's edit forms shows: its token, the errors and values a refusal sent back, and "saved". */
export type EditFormState = {
  form: AccountForm;
  token: string;
  errors: FieldErrors;
  values: Record<string, string>;
  saved: boolean;
};

export type ProfileCardData = EditFormState & { name: string; givenName: string; familyName: string };

export type EmailCardData = EditFormState & {
  email: string;
  verified: boolean;
  /** The address a change waits on (its link sent, not yet followed). */
  pending?: string;
  /** No email can be sent here (SMTP_URL unset): the address cannot be changed by the user. */
  emailOff: boolean;
};
