"use client";

import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { UserDetail } from "@/lib/users/admin";
import { SaveBar } from "../applications/save-bar";
import { useUnsavedChangesWarning } from "../applications/unsaved-changes";
import { useFieldError } from "../console/use-field-error";
import { useSave } from "../console/use-save";

type Values = {
  name: string;
  email: string;
  emailVerified: boolean;
  phone: string;
  picture: string;
  role: "user" | "admin";
};
const toValues = (u: UserDetail): Values => ({
  name: u.name,
  email: u.email,
  emailVerified: u.emailVerified,
  phone: u.phone,
  picture: u.picture,
  role: u.role,
});

/** The claims this user's apps receive (for the scopes granted), and their role here. */
export function UserProfileForm({ user }: { user: UserDetail }) {
  const t = useTranslations("console.users");
  const errorText = useFieldError();
  const save = useSave<UserDetail>(`/api/v1/users/${user.id}`, user.version);
  const form = useForm<Values>({ defaultValues: toValues(user) });
  const { errors, isDirty, isSubmitting } = form.formState;
  const leaveGuard = useUnsavedChangesWarning(isDirty);

  async function submit(values: Values) {
    const result = await save(values);
    if (result && "saved" in result) form.reset(toValues(result.saved));
    for (const [path, messages] of Object.entries(result && "fieldErrors" in result ? result.fieldErrors : {})) {
      form.setError(path as keyof Values, { type: "server", message: messages[0] });
    }
  }

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate>
      <Card title={t("profile")} description={t("profileDescription")} help="profile">
        <div className="flex flex-col gap-4">
          <Field label={t("fields.name")} error={errorText(errors.name?.message)} {...form.register("name")} />
          <Field
            label={t("fields.email")}
            type="email"
            error={errorText(errors.email?.message)}
            {...form.register("email")}
          />
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" className="size-4 accent-brand-600" {...form.register("emailVerified")} />
            {t("fields.emailVerified")}
          </label>
          <Field
            label={t("fields.phone")}
            inputMode="tel"
            error={errorText(errors.phone?.message)}
            {...form.register("phone")}
          />
          <Field
            label={t("fields.picture")}
            inputMode="url"
            placeholder="https://"
            error={errorText(errors.picture?.message)}
            {...form.register("picture")}
          />
          <SelectField
            label={t("fields.role")}
            options={(["user", "admin"] as const).map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            {...form.register("role")}
          />
        </div>
      </Card>
      {isDirty && <SaveBar busy={isSubmitting} onDiscard={() => form.reset()} />}
      {leaveGuard}
    </form>
  );
}
