import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ApplicationHeader } from "@/components/applications/application-header";
import { Alert } from "@/components/ui/alert";
import { TabLinks } from "@/components/ui/tabs";
import { isThirdParty } from "@/lib/applications/types";
import { requireAdmin } from "@/lib/auth/console-session";
import { loadApplication } from "@/lib/console/loaders";

type Props = { children: ReactNode; params: Promise<{ id: string }> };

/** An application's pages: its header, then a tab per concern (third-party apps have more). */
export default async function ApplicationLayout({ children, params }: Props) {
  await requireAdmin();
  const app = await loadApplication((await params).id);
  const t = await getTranslations("console.detail.tabs");
  const base = `/applications/${app.id}`;
  const tabs = [
    { href: base, label: t("settings") },
    ...(isThirdParty(app.type)
      ? [
          { href: `${base}/connect`, label: t("connect") },
          { href: `${base}/permissions`, label: t("permissions") },
          { href: `${base}/branding`, label: t("branding") },
        ]
      : []),
    ...(app.type === "m2m" ? [{ href: `${base}/permissions`, label: t("permissions") }] : []),
    { href: `${base}/tokens`, label: t("tokens") },
  ];
  return (
    <div className="flex flex-col gap-6">
      <ApplicationHeader app={{ id: app.id, name: app.name, type: app.type, clientId: app.clientId }} />
      {isThirdParty(app.type) && app.redirectUris.length === 0 && (
        <Alert tone="warning">
          <p data-testid="no-redirect-warning">
            {t.rich("noRedirect", {
              link: (chunks) => (
                <Link href={`${base}/connect`} className="font-semibold underline">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        </Alert>
      )}
      <TabLinks tabs={tabs} label={t("label")} />
      {children}
    </div>
  );
}
