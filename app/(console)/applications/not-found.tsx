import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function ApplicationNotFound() {
  const t = await getTranslations("console.states");
  return (
    <div className="flex flex-col items-start gap-3 rounded-xl border border-slate-200 bg-white p-6">
      <h1 className="text-lg font-semibold text-slate-900">{t("notFoundTitle")}</h1>
      <p className="text-sm text-slate-600">{t("notFoundBody")}</p>
      <Link href="/applications" className="text-sm font-medium text-brand-700 hover:underline">
        {t("backToApplications")}
      </Link>
    </div>
  );
}
