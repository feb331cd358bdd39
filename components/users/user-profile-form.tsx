"use client";

import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import type { UserDetail } from "@/lib/users/admin";
import { UnsavedChanges } from "../applications/save-bar";
import { useFormField } from "../console/use-form-field";
import { useSave } from "../console/use-save";
import { RoleSelect } from "./role-select";

type Values = {
  name: string;
  username: string;
  givenName: string;
  familyName: string;
  locale: string;
  zoneinfo: string;
  email: string;
  emailVerified: boolean;
  phone: string;
  picture: string;
  role: "user" | "admin";
};
const toValues = (u: UserDetail): Values => ({
  name: u.name,
  username: u.username,
  givenName: u.givenName,
  familyName: u.familyName,
  locale: u.locale,
  zoneinfo: u.zoneinfo,
  email: u.email,
  emailVerified: u.emailVerified,
  phone: u.phone,
  picture: u.picture,
  role: u.role,
});

/** The claims this user's apps receive (for the scopes granted), and their role here. */
export function UserProfileForm({ user }: { user: UserDetail }) {
  const t = useTranslations("console.users");
  const save = useSave<UserDetail>(`/api/v1/users/${user.id}`, user.version);
  const form = useForm<Values>({ defaultValues: toValues(user) });
  const field = useFormField(form);

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
          <Field label={t("fields.name")} {...field("name")} />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t("fields.givenName")} {...field("givenName")} />
            <Field label={t("fields.familyName")} {...field("familyName")} />
          </div>
          <Field
            label={t("fields.username")}
            hint={t("usernameHint")}
            autoCapitalize="none"
            spellCheck={false}
            {...field("username")}
          />
          <Field label={t("fields.email")} type="email" {...field("email")} />
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" className="size-4 accent-brand-600" {...form.register("emailVerified")} />
            {t("fields.emailVerified")}
          </label>
          <Field label={t("fields.phone")} inputMode="tel" {...field("phone")} />
          <Field label={t("fields.picture")} inputMode="url" placeholder="https://" {...field("picture")} />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t("fields.locale")} hint={t("localeHint")} spellCheck={false} {...field("locale")} />
            <Field label={t("fields.zoneinfo")} hint={t("zoneinfoHint")} spellCheck={false} {...field("zoneinfo")} />
          </div>
          <RoleSelect {...form.register("role")} />
        </div>
      </Card>
      <UnsavedChanges form={form} />
    </form>
  );
}
