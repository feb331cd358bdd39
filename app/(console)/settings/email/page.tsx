import { getTranslations } from "next-intl/server";
import { EmailOffBanner } from "@/components/mail/email-off-banner";
import { TestEmailForm } from "@/components/mail/test-email-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/console-session";
import { adminPageTitle } from "@/lib/console/page-title";
import { getDateFormat } from "@/lib/i18n/dates";
import { readMailStatus } from "@/lib/mail/status";
import { runtime } from "@/lib/runtime";

export const generateMetadata = adminPageTitle("console.email");

/** How this installation sends email, what happened last, and a test message. */
export default async function EmailSettingsPage() {
  const admin = await requireAdmin();
  const rt = runtime();
  const status = await readMailStatus(rt.database.prisma);
  const t = await getTranslations("console.email");
  const formatDate = await getDateFormat();
  const mode = rt.mail.config.mode;
  const failedLast =
    status.lastFailure && (!status.lastSuccessAt || status.lastFailure.at.getTime() > status.lastSuccessAt.getTime());

  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      {mode === "off" && <EmailOffBanner />}
      <Card title={t("transportTitle")} help="email">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-500">{t("relay")}</dt>
          <dd className="font-mono break-all text-slate-900">{mode === "off" ? t("relayOff") : rt.mail.describe}</dd>
          <dt className="text-slate-500">{t("from")}</dt>
          <dd className="break-all text-slate-900">{rt.mail.from}</dd>
          <dt className="text-slate-500">{t("lastSent")}</dt>
          <dd className="text-slate-900">
            {status.lastSuccessAt ? formatDate(status.lastSuccessAt, "dateTime") : t("never")}
          </dd>
        </dl>
        {mode === "log" && (
          <div className="mt-4">
            <Alert tone="info">{t("logMode")}</Alert>
          </div>
        )}
        {failedLast && status.lastFailure && (
          <div className="mt-4">
            <Alert tone="error">
              {t("lastFailure", {
                when: formatDate(status.lastFailure.at, "dateTime"),
                reason: status.lastFailure.reason,
              })}
            </Alert>
          </div>
        )}
      </Card>
      {mode !== "off" && (
        <Card title={t("testTitle")} description={t("testIntro")}>
          <TestEmailForm defaultTo={admin.email} />
        </Card>
      )}
    </div>
  );
}
