"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import type { EmailCardData } from "@/lib/account/view";
import { EditField, EditSection } from "./edit-form";

/**
 * The account page's email section: the address and whether it is confirmed; a new one is asked
 * for with the current password and only takes over once the link sent to it is followed.
 */
export function EmailCard({ data }: { data: EmailCardData }) {
  const t = useTranslations("account.edits");
  const current = (
    <>
      <p className="text-sm text-slate-700" data-testid="email-status">
        {t(data.verified ? "emailVerified" : "emailUnverified", { email: data.email })}
      </p>
      {data.pending && (
        <Alert tone="info">
          <span data-testid="email-pending">{t("emailPending", { email: data.pending })}</span>
        </Alert>
      )}
    </>
  );
  if (data.emailOff) {
    return (
      <section id="email" aria-labelledby="email-heading" className="flex flex-col gap-3">
        <h2 id="email-heading" className="text-base font-semibold text-slate-900">
          {t("emailHeading")}
        </h2>
        {current}
        <p className="text-sm text-slate-600">{t("emailOff")}</p>
      </section>
    );
  }
  return (
    <EditSection
      id="email"
      heading={t("emailHeading")}
      action="/api/account/email"
      state={{ ...data, saved: false }}
      savedText=""
      submit={t("emailSubmit")}
      before={current}
    >
      <EditField state={data} name="email" label={t("newEmail")} type="email" autoComplete="email" required />
      <EditField
        state={data}
        name="currentPassword"
        label={t("currentPassword")}
        hint={t("emailPasswordHint")}
        type="password"
        autoComplete="current-password"
        required
      />
    </EditSection>
  );
}
