import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { appAccess } from "@/lib/apis/app-access";
import { listRoles } from "@/lib/apis/roles";
import { listApis } from "@/lib/apis/service";
import { runtime } from "@/lib/runtime";
import { ChecklistForm } from "./checklist-form";
import { permissionOptions } from "./options";

/**
 * An app's API permissions and who may sign in (third-party apps), or the roles a
 * machine-to-machine app acts with: the app's Permissions tab, beside its scopes.
 */
export async function AppAccessCards({ id, machine }: { id: string; machine: boolean }) {
  const db = runtime().database.prisma;
  const [access, roles, apis] = await Promise.all([appAccess(db, id), listRoles(db), listApis(db)]);
  const t = await getTranslations("console.access");
  const endpoint = `/api/v1/applications/${id}/access`;
  const roleOptions = roles.map((role) => ({
    value: role.name,
    label: role.name,
    hint: role.description || undefined,
  }));
  if (machine) {
    return (
      <Card help="apis" title={t("rolesTitle")} description={t("rolesIntro")}>
        <ChecklistForm
          legend={t("rolesLegend")}
          options={roleOptions}
          selected={access.roles}
          endpoint={endpoint}
          method="PATCH"
          field="roles"
          kind="role"
          empty={t("noRoles")}
        />
      </Card>
    );
  }
  return (
    <>
      <Card help="apis" title={t("apiTitle")} description={t("apiIntro")}>
        <ChecklistForm
          legend={t("apiLegend")}
          options={permissionOptions(apis)}
          selected={access.apiPermissions.map((p) => `${p.indicator} ${p.name}`)}
          endpoint={endpoint}
          method="PATCH"
          field="apiPermissions"
          kind="permission"
          empty={t("noApis")}
        />
      </Card>
      <Card help="apis" title={t("ruleTitle")} description={t("ruleIntro")}>
        <ChecklistForm
          legend={t("ruleLegend")}
          options={roleOptions}
          selected={access.accessRoles}
          endpoint={endpoint}
          method="PATCH"
          field="accessRoles"
          kind="role"
          empty={t("noRoles")}
        />
      </Card>
    </>
  );
}

/** The roles a user holds, on the user's page. */
export async function UserRolesCard({ userId }: { userId: string }) {
  const db = runtime().database.prisma;
  const [roles, held] = await Promise.all([
    listRoles(db),
    db.userRole.findMany({ where: { userId }, select: { role: { select: { name: true } } } }),
  ]);
  const t = await getTranslations("console.access");
  return (
    <Card help="apis" title={t("userRolesTitle")} description={t("userRolesIntro")}>
      <ChecklistForm
        legend={t("rolesLegend")}
        options={roles.map((role) => ({ value: role.name, label: role.name, hint: role.description || undefined }))}
        selected={held.map((row) => row.role.name)}
        endpoint={`/api/v1/users/${userId}/roles`}
        method="PUT"
        field="roles"
        kind="role"
        empty={t("noRoles")}
      />
    </Card>
  );
}
