"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, NewPasswordField } from "@/components/ui/field";
import { type FirstAdminInput, firstAdminSchema } from "@/lib/validation/user";
import { ApiError, callApi } from "./api";
import { applyServerErrors } from "./server-errors";
import { signInAfterSetup } from "./sign-in-after-setup";
import { useFormField } from "./use-form-field";

export function FirstAdminForm() {
  const t = useTranslations("console.setup");
  const [failure, setFailure] = useState<string>();
  const form = useForm<FirstAdminInput>({
    resolver: zodResolver(firstAdminSchema),
    defaultValues: { name: "", email: "", password: "", confirmPassword: "" },
  });
  const { isSubmitting } = form.formState;
  const field = useFormField(form);

  async function submit(values: FirstAdminInput) {
    setFailure(undefined);
    try {
      const { email } = await callApi<{ email: string }>("/api/setup", { method: "POST", body: values });
      // The new admin signs in like every admin does, through the provider, without typing again.
      await signInAfterSetup(email, values.password);
    } catch (error) {
      if (error instanceof ApiError && applyServerErrors(form.setError, error)) return;
      if (error instanceof ApiError && error.problem.status === 409) return window.location.assign("/sign-in");
      setFailure(t("failed"));
    }
  }

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate className="flex flex-col gap-4">
      {failure && <Alert tone="error">{failure}</Alert>}
      <Field label={t("name")} autoComplete="name" {...field("name")} />
      <Field label={t("email")} type="email" autoComplete="email" {...field("email")} />
      <NewPasswordField label={t("password")} hint={t("passwordHint")} {...field("password")} />
      <NewPasswordField label={t("confirmPassword")} {...field("confirmPassword")} />
      <Button type="submit" busy={isSubmitting}>
        {t("submit")}
      </Button>
    </form>
  );
}
