import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ApiForm } from "@/components/apis/api-form";
import { Card } from "@/components/ui/card";
import { DeleteButton } from "@/components/ui/delete-button";
import { PageHeader } from "@/components/ui/page-header";
import { getApi } from "@/lib/apis/service";
import { requireAdmin } from "@/lib/auth/console-session";
import { adminPageTitle } from "@/lib/console/page-title";
import { NotFoundError } from "@/lib/errors";
import { runtime } from "@/lib/runtime";

export const generateMetadata = adminPageTitle("console.apis");

/** One API: its indicator, token lifetime and permissions, editable. */
export default async function ApiPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const api = await getApi(runtime().database.prisma, (await params).id).catch((error) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const t = await getTranslations("console.apis");
  const permissionLines = api.permissions
    .map((p) => (p.description ? `${p.name}=${p.description}` : p.name))
    .join("\n");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={api.name}
        intro={api.indicator}
        action={<DeleteButton kind="api" endpoint={`/api/v1/apis/${api.id}`} name={api.name} returnTo="/apis" />}
      />
      <Card help="apis" title={t("editTitle")}>
        <ApiForm
          api={{
            id: api.id,
            name: api.name,
            indicator: api.indicator,
            accessTokenTtl: api.accessTokenTtl,
            permissionLines,
            version: api.version,
          }}
        />
      </Card>
    </div>
  );
}
