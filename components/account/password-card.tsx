"use client";

import { useTranslations } from "next-intl";
import type { EditFormState } from "@/lib/account/view";
import { EditField, EditSection } from "./edit-form";

/** The account page's password section: the current password, then the new one twice. */
export function PasswordCard({ data }: { data: EditFormState }) {
  const t = useTranslations("account.edits");
  return (
    <EditSection
      id="password"
      heading={t("passwordHeading")}
      action="/api/account/password"
      state={data}
      savedText={t("passwordSaved")}
      submit={t("passwordSubmit")}
      before={<p className="text-sm text-slate-600">{t("passwordExplain")}</p>}
    >
      <EditField
        state={data}
        name="currentPassword"
        label={t("currentPassword")}
        type="password"
        autoComplete="current-password"
        required
      />
      <EditField
        state={data}
        name="password"
        label={t("newPassword")}
        hint={t("newPasswordHint")}
        type="password"
        autoComplete="new-password"
        required
      />
      <EditField
        state={data}
        name="confirmPassword"
        label={t("confirmPassword")}
        type="password"
        autoComplete="new-password"
        required
      />
    </EditSection>
  );
}
