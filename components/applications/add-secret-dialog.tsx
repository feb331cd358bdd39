"use client";

import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useToast } from "@/components/ui/toast";
import { type CreateSecretInput, createSecretSchema, secretLifetimes } from "@/lib/validation/secret";
import { ApiError, callApi } from "../console/api";
import { applyServerErrors } from "../console/server-errors";
import { useFieldError } from "../console/use-field-error";

type Values = { name: string; expiresInDays: string };

/** Names a new secret and its lifetime; the value comes back once and is handed to the card. */
export function AddSecretDialog({
  applicationId,
  onClose,
  onCreated,
}: {
  applicationId: string;
  onClose: () => void;
  onCreated: (value: string) => void;
}) {
  const t = useTranslations("console.credentials");
  const errorText = useFieldError();
  const toast = useToast();
  const form = useForm<Values>({ defaultValues: { name: "", expiresInDays: "never" } });
  const { errors, isSubmitting } = form.formState;

  async function submit(values: Values) {
    const body: CreateSecretInput = {
      name: values.name,
      expiresInDays:
        values.expiresInDays === "never" ? null : (Number(values.expiresInDays) as CreateSecretInput["expiresInDays"]),
    };
    const parsed = createSecretSchema.safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        form.setError(issue.path.join(".") as "name", { message: issue.message });
      return;
    }
    try {
      const created = await callApi<{ value: string }>(`/api/v1/applications/${applicationId}/secrets`, {
        method: "POST",
        body: parsed.data,
      });
      onCreated(created.value);
      onClose();
    } catch (error) {
      if (error instanceof ApiError && applyServerErrors(form.setError, error)) return;
      toast.error(t("addFailed"));
    }
  }

  return (
    <Dialog open onClose={onClose} title={t("addTitle")} description={t("addDescription")}>
      <form onSubmit={form.handleSubmit(submit)} noValidate className="flex flex-col gap-4">
        <Field label={t("secretName")} autoFocus error={errorText(errors.name?.message)} {...form.register("name")} />
        <SelectField
          label={t("expiresIn")}
          options={[
            ...secretLifetimes.map((days) => ({ value: String(days), label: t("days", { days }) })),
            { value: "never", label: t("never") },
          ]}
          {...form.register("expiresInDays")}
        />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button type="button" variant="secondary" onClick={onClose}>
            {t("cancel")}
          </Button>
          <Button type="submit" busy={isSubmitting}>
            {t("create")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
