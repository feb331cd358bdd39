import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { permissionOptions } from "@/components/apis/options";
import { RoleForm } from "@/components/apis/role-form";
import { Card } from "@/components/ui/card";
import { DeleteButton } from "@/components/ui/delete-button";
import { PageHeader } from "@/components/ui/page-header";
import { getRole } from "@/lib/apis/roles";
import { listApis } from "@/lib/apis/service";
import { requireAdmin } from "@/lib/auth/console-session";
import { adminPageTitle } from "@/lib/console/page-title";
import { NotFoundError } from "@/lib/errors";
import { runtime } from "@/lib/runtime";

export const generateMetadata = adminPageTitle("console.roles");

/** One role: its name and the API permissions it holds, editable; deleted by typing its name. */
export default async function RolePage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const db = runtime().database.prisma;
  const [role, apis] = await Promise.all([
    getRole(db, (await params).id).catch((error) => {
      if (error instanceof NotFoundError) notFound();
      throw error;
    }),
    listApis(db),
  ]);
  const t = await getTranslations("console.roles");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={role.name}
        intro={t("detailIntro")}
        action={<DeleteButton kind="role" endpoint={`/api/v1/roles/${role.id}`} name={role.name} returnTo="/roles" />}
      />
      <Card help="apis" title={t("editTitle")}>
        <RoleForm
          permissions={permissionOptions(apis)}
          role={{ id: role.id, name: role.name, permissions: role.permissions.map((p) => `${p.indicator} ${p.name}`) }}
        />
      </Card>
    </div>
  );
}
