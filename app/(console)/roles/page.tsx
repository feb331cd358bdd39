import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { permissionOptions } from "@/components/apis/options";
import { RoleForm } from "@/components/apis/role-form";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listRoles } from "@/lib/apis/roles";
import { listApis } from "@/lib/apis/service";
import { requireAdmin } from "@/lib/auth/console-session";
import { adminPageTitle } from "@/lib/console/page-title";
import { runtime } from "@/lib/runtime";

export const generateMetadata = adminPageTitle("console.roles");

/** Roles and the API permissions they hold; users get them on their page, apps on their Permissions tab. */
export default async function RolesPage() {
  await requireAdmin();
  const db = runtime().database.prisma;
  const [roles, apis] = await Promise.all([listRoles(db), listApis(db)]);
  const t = await getTranslations("console.roles");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      {roles.length === 0 ? (
        <EmptyState title={t("empty")}>
          <p>{t("emptyBody")}</p>
        </EmptyState>
      ) : (
        <DataTable caption={t("title")} columns={[{ label: t("columns.role") }, { label: t("columns.permissions") }]}>
          {roles.map((role) => (
            <tr key={role.id}>
              <td className="px-4 py-3">
                <Link href={`/roles/${role.id}`} className="block truncate font-medium text-brand-700 hover:underline">
                  {role.name}
                </Link>
              </td>
              <td className="px-4 py-3 text-xs break-all text-slate-600">
                {role.permissions.map((p) => `${p.indicator} ${p.name}`).join(", ") || "—"}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Card help="apis" title={t("createTitle")}>
        <RoleForm permissions={permissionOptions(apis)} />
      </Card>
    </div>
  );
}
