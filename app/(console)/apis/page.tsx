import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ApiForm } from "@/components/apis/api-form";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listApis } from "@/lib/apis/service";
import { requireAdmin } from "@/lib/auth/console-session";
import { adminPageTitle } from "@/lib/console/page-title";
import { runtime } from "@/lib/runtime";

export const generateMetadata = adminPageTitle("console.apis");

/** The organization's own APIs that apps ask permissions for, and a form to register one. */
export default async function ApisPage() {
  await requireAdmin();
  const apis = await listApis(runtime().database.prisma);
  const t = await getTranslations("console.apis");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      {apis.length === 0 ? (
        <EmptyState title={t("empty")}>
          <p>{t("emptyBody")}</p>
        </EmptyState>
      ) : (
        <DataTable
          caption={t("title")}
          columns={[{ label: t("columns.api") }, { label: t("columns.permissions"), className: "w-32" }]}
        >
          {apis.map((api) => (
            <tr key={api.id} className="hover:bg-slate-50">
              <td className="px-4 py-3">
                <Link href={`/apis/${api.id}`} className="block truncate font-medium text-brand-700 hover:underline">
                  {api.name}
                </Link>
                <span className="block truncate text-xs text-slate-500">{api.indicator}</span>
              </td>
              <td className="px-4 py-3 text-slate-600">{api.permissions.length}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Card help="apis" title={t("createTitle")} description={t("createIntro")}>
        <ApiForm />
      </Card>
    </div>
  );
}
