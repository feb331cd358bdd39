import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CredentialsCard } from "@/components/applications/credentials-card";
import { EndpointsCard } from "@/components/applications/endpoints-card";
import { SettingsForm } from "@/components/applications/settings-form";
import { SignInChart } from "@/components/applications/sign-in-chart";
import { DEFAULT_SECRET_NAME } from "@/lib/applications/service";
import { hasClientSecret } from "@/lib/applications/types";
import { signInsPerDay } from "@/lib/audit/list";
import { requireAdmin } from "@/lib/auth/console-session";
import { loadApplication } from "@/lib/console/loaders";
import { getDateFormat } from "@/lib/i18n/dates";
import { discoveryUrl, listEndpoints, readDiscovery } from "@/lib/oidc/discovery";
import { runtime } from "@/lib/runtime";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireAdmin();
  const app = await loadApplication((await params).id);
  return { title: app.name };
}

export default async function ApplicationPage({ params }: Props) {
  await requireAdmin();
  const app = await loadApplication((await params).id);
  const rt = runtime();
  const [discovery, signIns] = await Promise.all([readDiscovery(rt), signInsPerDay(rt.database.prisma, app.id)]);
  const formatDate = await getDateFormat();
  const t = await getTranslations("console.credentials");
  const date = (value: Date | null) => (value ? formatDate(value, "dateTime") : null);

  return (
    <div className="grid gap-6 lg:grid-cols-5">
      <div className="flex min-w-0 flex-col gap-6 lg:order-2 lg:col-span-2">
        <EndpointsCard
          issuer={discovery.issuer}
          discovery={discoveryUrl(discovery.issuer)}
          endpoints={listEndpoints(discovery)}
        />
        <CredentialsCard
          applicationId={app.id}
          appName={app.name}
          clientId={app.clientId}
          confidential={hasClientSecret(app.type)}
          secrets={app.secrets.map((secret) => ({
            id: secret.id,
            name: secret.name === DEFAULT_SECRET_NAME ? t("defaultSecret") : secret.name,
            lastFour: secret.lastFour,
            created: date(secret.createdAt) ?? "",
            expires: date(secret.expiresAt),
            expired: secret.expiresAt !== null && secret.expiresAt.getTime() <= Date.now(),
            lastUsed: date(secret.lastUsedAt),
          }))}
        />
        {app.type !== "m2m" && <SignInChart days={signIns} />}
      </div>
      <div className="min-w-0 lg:order-1 lg:col-span-3">
        <SettingsForm
          app={{
            id: app.id,
            type: app.type,
            version: app.version,
            name: app.name,
            description: app.description,
            redirectUris: app.redirectUris,
            postLogoutRedirectUris: app.postLogoutRedirectUris,
            corsOrigins: app.corsOrigins,
            backchannelLogoutUri: app.backchannelLogoutUri,
            backchannelLogoutSessionRequired: app.backchannelLogoutSessionRequired,
          }}
        />
      </div>
    </div>
  );
}
