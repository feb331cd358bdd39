import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { DeleteButton } from "@/components/ui/delete-button";
import { type ApplicationType, isThirdParty } from "@/lib/applications/types";
import { listHref } from "./list-href";

type Props = { app: { id: string; name: string; type: ApplicationType; clientId: string } };

export async function ApplicationHeader({ app }: Props) {
  const t = await getTranslations("console");
  const party = isThirdParty(app.type) ? "third-party" : "first-party";
  return (
    <div className="flex flex-col gap-3">
      <Link href={listHref(party)} className="w-fit text-sm font-medium text-brand-700 hover:underline">
        ← {t(`applications.tabs.${party}`)}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex min-w-0 flex-col gap-2">
          <h1 className="break-words text-2xl font-semibold text-slate-900">{app.name}</h1>
          <div className="flex flex-wrap items-center gap-2">
            {isThirdParty(app.type) && <Badge tone="brand">{t("detail.thirdParty")}</Badge>}
            <Badge>{t(`clientTypes.${app.type}`)}</Badge>
            <span className="flex min-w-0 items-center gap-1 text-sm text-slate-600">
              <span>{t("detail.clientId")}</span>
              <code data-testid="header-client-id" className="truncate font-mono text-xs text-slate-800">
                {app.clientId}
              </code>
              <CopyButton value={app.clientId} label={t("detail.clientId")} />
            </span>
          </div>
        </div>
        <DeleteButton
          kind="application"
          endpoint={`/api/v1/applications/${app.id}`}
          name={app.name}
          returnTo={listHref(party)}
        />
      </div>
    </div>
  );
}
