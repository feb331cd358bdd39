"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { inviteUserSchema } from "@/lib/validation/user";
import { ApiError, callApi } from "../console/api";
import { applyServerErrors } from "../console/server-errors";
import { useFormField } from "../console/use-form-field";

type Values = z.input<typeof inviteUserSchema>;
type Invitation = { user: { id: string; email: string }; emailSent: boolean; emailError?: string };

/** Invites someone by email: they choose their own password from the link (which verifies the address). */
export function InviteUserButton() {
  const t = useTranslations("console.users");
  const toast = useToast();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<Values>({ resolver: zodResolver(inviteUserSchema), defaultValues: { email: "", name: "" } });
  const { isSubmitting } = form.formState;
  const field = useFormField(form);

  async function submit(values: Values) {
    try {
      const { user, emailSent, emailError } = await callApi<Invitation>("/api/v1/users/invite", {
        method: "POST",
        body: values,
      });
      if (emailSent) toast.success(t("invited", { email: user.email }));
      else toast.error(t("invitedNotSent", { email: user.email, reason: emailError ?? "" }));
      router.push(`/users/${user.id}`);
    } catch (error) {
      if (error instanceof ApiError && applyServerErrors(form.setError, error)) return;
      toast.error(error instanceof ApiError && error.problem.status === 409 ? t("emailTaken") : t("inviteFailed"));
    }
  }

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t("invite")}
      </Button>
      {open && (
        <Dialog open onClose={() => setOpen(false)} title={t("inviteTitle")}>
          <form onSubmit={form.handleSubmit(submit)} noValidate className="flex flex-col gap-4">
            <p className="text-sm text-slate-600">{t("inviteIntro")}</p>
            <Field label={t("fields.email")} type="email" autoComplete="off" {...field("email")} />
            <Field label={t("fields.name")} autoComplete="off" {...field("name")} />
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
                {t("cancel")}
              </Button>
              <Button type="submit" busy={isSubmitting}>
                {t("inviteSubmit")}
              </Button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}
