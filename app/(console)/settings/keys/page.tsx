import { getTranslations } from "next-intl/server";
import { KeyTable } from "@/components/keys/key-table";
import { RotateKeyButton } from "@/components/keys/rotate-key-button";
import { CopyField } from "@/components/ui/copy-field";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/console-session";
import { adminPageTitle } from "@/lib/console/page-title";
import { getDateFormat } from "@/lib/i18n/dates";
import { readDiscovery } from "@/lib/oidc/discovery";
import { listSigningKeys } from "@/lib/oidc/key-rotation";
import { runtime } from "@/lib/runtime";

export const generateMetadata = adminPageTitle("keys");

/** The published signing keys and their schedule; rotating one starts from here. */
export default async function SigningKeysPage() {
  await requireAdmin();
  const rt = runtime();
  const [keys, discovery] = await Promise.all([listSigningKeys(rt.database.prisma), readDiscovery(rt)]);
  const t = await getTranslations("keys");
  const formatDate = await getDateFormat();
  const rows = keys.map((key) => {
    const when = key.activatesAt ?? key.retiresAt;
    return {
      kid: key.kid,
      alg: key.alg,
      status: key.status,
      created: formatDate(key.createdAt),
      ...(when ? { when: formatDate(when, "dateTime") } : {}),
    };
  });

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        intro={t("intro")}
        action={<RotateKeyButton activationSeconds={rt.env.KEY_ACTIVATION_SECONDS} />}
      />
      {rows.length === 0 ? (
        <EmptyState title={t("empty.title")}>
          <p>{t("empty.body")}</p>
        </EmptyState>
      ) : (
        <KeyTable rows={rows} />
      )}
      <div className="max-w-2xl">
        <CopyField label={t("jwksLabel")} value={discovery.jwks_uri} hint={t("jwksHint")} />
      </div>
    </div>
  );
}
