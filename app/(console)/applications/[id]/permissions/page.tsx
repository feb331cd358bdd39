import { notFound } from "next/navigation";
import { AppAccessCards } from "@/components/apis/app-access-cards";
import { PermissionsForm } from "@/components/applications/permissions-form";
import { isThirdParty } from "@/lib/applications/types";
import { requireAdmin } from "@/lib/auth/console-session";
import { loadApplication } from "@/lib/console/loaders";
import { listGrantedUsers } from "@/lib/grants/connected-apps";
import { managementScope, userScopes } from "@/lib/oidc/scopes";
import { runtime } from "@/lib/runtime";

/** Which user scopes a third-party app may request. */
export default async function PermissionsPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const app = await loadApplication((await params).id);
  if (app.type === "m2m") {
    return (
      <div className="flex flex-col gap-6">
        <PermissionsForm
          id={app.id}
          version={app.version}
          allowedScopes={app.allowedScopes}
          choices={[managementScope]}
        />
        <AppAccessCards id={app.id} machine />
      </div>
    );
  }
  if (!isThirdParty(app.type)) notFound();
  const granted = await listGrantedUsers(runtime().database.prisma, app.clientId);
  return (
    <div className="flex flex-col gap-6">
      <PermissionsForm
        id={app.id}
        version={app.version}
        allowedScopes={app.allowedScopes}
        choices={userScopes}
        grantedUsers={granted}
      />
      <AppAccessCards id={app.id} machine={false} />
    </div>
  );
}
