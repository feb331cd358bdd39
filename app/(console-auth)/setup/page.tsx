import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FirstAdminForm } from "@/components/console/first-admin-form";
import { runtime } from "@/lib/runtime";
import { countAdmins } from "@/lib/users/service";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("console.setup");
  return { title: t("title") };
}

/** Shown only while the database holds no admin: whoever installs Latchkey creates the first one. */
export default async function SetupPage() {
  if ((await countAdmins(runtime().database.prisma)) > 0) redirect("/sign-in");
  const t = await getTranslations("console.setup");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t("explain")}</p>
      <FirstAdminForm />
    </>
  );
}
