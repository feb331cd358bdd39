"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { type SignInInput, signInSchema } from "@/lib/validation/user";
import { postInteraction } from "./post-json";

/** The errors the server (or the network) can answer a sign-in with, and their `account.signIn.errors` keys. */
const errorKeys = new Map([
  ["invalid_credentials", "invalidCredentials"],
  ["too_many_attempts", "tooManyAttempts"],
  ["forbidden", "forbidden"],
  ["interaction_expired", "expired"],
  ["network", "network"],
]);

type Props = {
  uid: string;
  csrf: string;
  loginHint?: string;
  initialError?: string;
  initialRetryAfter?: number;
  /** Back from choosing a new password through a reset email. */
  notice?: "password_changed";
};

/** The message for an error; a refused try says how long to wait (seconds under two minutes, else minutes). */
function useErrorMessage() {
  const t = useTranslations("account.signIn");
  return (error: string, retryAfter?: number) => {
    if (error === "too_many_attempts" && retryAfter) {
      return retryAfter < 120
        ? t("errors.tooManyAttemptsSeconds", { seconds: retryAfter })
        : t("errors.tooManyAttemptsMinutes", { minutes: Math.ceil(retryAfter / 60) });
    }
    return t(`errors.${errorKeys.get(error) ?? "generic"}`);
  };
}

export function SignInForm({ uid, csrf, loginHint, initialError, initialRetryAfter, notice }: Props) {
  const t = useTranslations("account.signIn");
  const tv = useTranslations("validation");
  const [error, setError] = useState(initialError ? { code: initialError, retryAfter: initialRetryAfter } : undefined);
  const errorMessage = useErrorMessage();
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<SignInInput>({ resolver: zodResolver(signInSchema), defaultValues: { email: loginHint ?? "" } });

  /** The schema names its errors by key; one that is not a key (zod's own) is shown as it is. */
  const fieldError = (message: string | undefined) => (message && tv.has(message) ? tv(message) : message);

  const onSubmit = handleSubmit(async (values) => {
    setError(undefined);
    const result = await postInteraction(`/interaction/${uid}/login`, { ...values, csrf });
    if (!result.ok) setError({ code: result.error, retryAfter: result.retryAfter });
  });

  return (
    <form
      method="post"
      action={`/interaction/${uid}/login`}
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-4"
    >
      <input type="hidden" name="csrf" value={csrf} />
      {error && <Alert tone="error">{errorMessage(error.code, error.retryAfter)}</Alert>}
      {!error && notice === "password_changed" && <Alert tone="success">{t("passwordChanged")}</Alert>}
      <Field
        label={t("email")}
        type="email"
        autoComplete="username"
        inputMode="email"
        autoFocus={!loginHint}
        error={fieldError(errors.email?.message)}
        {...register("email")}
      />
      <Field
        label={t("password")}
        type="password"
        autoComplete="current-password"
        autoFocus={Boolean(loginHint)}
        error={fieldError(errors.password?.message)}
        {...register("password")}
      />
      <Button type="submit" busy={isSubmitting} className="mt-2 w-full">
        {t("submit")}
      </Button>
      {/* After the button: from the password field, Tab reaches "Sign in" first. */}
      <a
        href={`/password/forgot?${new URLSearchParams({ uid })}`}
        className="self-center text-sm font-medium text-brand-700 underline-offset-2 hover:underline"
      >
        {t("forgotPassword")}
      </a>
    </form>
  );
}
