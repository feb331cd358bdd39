import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { SignInProblem } from "@/lib/provider-pages/data";

/** The errors the server can answer a sign-in with, and their `account.signIn.errors` keys. */
const errorKeys = new Map([
  ["invalid_credentials", "invalidCredentials"],
  ["too_many_attempts", "tooManyAttempts"],
]);

type Props = {
  uid: string;
  csrf: string;
  /** What the email field holds: what was typed (after a refused form), else the app's login_hint. */
  email?: string;
  error?: SignInProblem;
  /** With too_many_attempts: seconds until the next try is allowed. */
  retryAfter?: number;
  /** The fields' own errors (a `validation` catalog key each) after a form that was not filled in. */
  fieldErrors?: { email?: string; password?: string };
  /** Back from choosing a new password through a reset email, or from a sign-up's link. */
  notice?: "password_changed" | "registered";
  /** Self-registration is on: offer "Create account". */
  registration?: boolean;
};

/**
 * The sign-in form: a plain form post (no script), answered with the next page, or this one again
 * with what went wrong. The first field that needs typing has the focus.
 */
export function SignInForm({ uid, csrf, email, error, retryAfter, fieldErrors = {}, notice, registration }: Props) {
  const t = useTranslations("account.signIn");
  const tv = useTranslations("validation");
  /** The schema names its errors by key; one that is not a key (zod's own) is shown as it is. */
  const fieldError = (message: string | undefined) => (message && tv.has(message) ? tv(message) : message);
  const emailError = fieldError(fieldErrors.email);
  const passwordError = fieldError(fieldErrors.password);
  // A refused try says how long to wait (seconds under two minutes, else minutes).
  const message =
    error === "too_many_attempts" && retryAfter
      ? retryAfter < 120
        ? t("errors.tooManyAttemptsSeconds", { seconds: retryAfter })
        : t("errors.tooManyAttemptsMinutes", { minutes: Math.ceil(retryAfter / 60) })
      : error && t(`errors.${errorKeys.get(error) ?? "generic"}`);
  const focusEmail = Boolean(emailError) || (!email && !passwordError);
  return (
    <form method="post" action={`/interaction/${uid}/login`} noValidate className="flex flex-col gap-4">
      <input type="hidden" name="csrf" value={csrf} />
      {message && <Alert tone="error">{message}</Alert>}
      {!message && notice === "password_changed" && <Alert tone="success">{t("passwordChanged")}</Alert>}
      {!message && notice === "registered" && <Alert tone="success">{t("registered")}</Alert>}
      <Field
        label={t("email")}
        type="email"
        name="email"
        autoComplete="username webauthn"
        inputMode="email"
        defaultValue={email ?? ""}
        autoFocus={focusEmail}
        error={emailError}
      />
      <Field
        label={t("password")}
        type="password"
        name="password"
        autoComplete="current-password"
        autoFocus={!focusEmail}
        error={passwordError}
      />
      <Button type="submit" className="mt-2 w-full">
        {t("submit")}
      </Button>
      {/* After the button: from the password field, Tab reaches "Sign in" first. */}
      <a
        href={`/password/forgot?${new URLSearchParams({ uid })}`}
        className="self-center text-sm font-medium text-brand-700 underline-offset-2 hover:underline"
      >
        {t("forgotPassword")}
      </a>
      {registration && (
        <p className="self-center text-sm text-slate-600">
          {t("noAccount")}{" "}
          <a
            href={`/register?${new URLSearchParams({ uid })}`}
            className="font-medium text-brand-700 underline-offset-2 hover:underline"
          >
            {t("createAccount")}
          </a>
        </p>
      )}
    </form>
  );
}
