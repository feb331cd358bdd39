"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, NewPasswordField } from "@/components/ui/field";
import { PlusIcon } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toast";
import { adminCreateUserSchema } from "@/lib/validation/user";
import { ApiError, callApi } from "../console/api";
import { applyServerErrors } from "../console/server-errors";
import { useFormField } from "../console/use-form-field";
import { RoleSelect } from "./role-select";

type Values = z.input<typeof adminCreateUserSchema>;

/** Creates a user (or an admin) with a first password they can change later. */
export function CreateUserButton() {
  const t = useTranslations("console.users");
  const toast = useToast();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<Values>({
    resolver: zodResolver(adminCreateUserSchema),
    defaultValues: {
      email: "",
      name: "",
      username: "",
      givenName: "",
      familyName: "",
      password: "",
      role: "user",
      emailVerified: false,
    },
  });
  const { isSubmitting } = form.formState;
  const field = useFormField(form);

  async function submit(values: Values) {
    try {
      const user = await callApi<{ id: string; email: string }>("/api/v1/users", { method: "POST", body: values });
      toast.success(t("created", { email: user.email }));
      router.push(`/users/${user.id}`);
    } catch (error) {
      if (error instanceof ApiError && applyServerErrors(form.setError, error)) return;
      toast.error(error instanceof ApiError && error.problem.status === 409 ? t("emailTaken") : t("createFailed"));
    }
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <PlusIcon className="size-4" />
        {t("create")}
      </Button>
      {open && (
        <Dialog open onClose={() => setOpen(false)} title={t("createTitle")}>
          <form onSubmit={form.handleSubmit(submit)} noValidate className="flex flex-col gap-4">
            <Field label={t("fields.email")} type="email" autoComplete="off" {...field("email")} />
            <Field label={t("fields.name")} autoComplete="off" {...field("name")} />
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label={t("fields.givenName")} autoComplete="off" {...field("givenName")} />
              <Field label={t("fields.familyName")} autoComplete="off" {...field("familyName")} />
            </div>
            <Field
              label={t("fields.username")}
              hint={t("usernameHint")}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              {...field("username")}
            />
            <NewPasswordField label={t("fields.password")} hint={t("passwordHint")} {...field("password")} />
            <RoleSelect {...form.register("role")} />
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
                {t("cancel")}
              </Button>
              <Button type="submit" busy={isSubmitting}>
                {t("createSubmit")}
              </Button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}
