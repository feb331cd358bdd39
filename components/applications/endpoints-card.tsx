"use client";

import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { ChevronIcon } from "@/components/ui/icons";
import { useDisclosure } from "@/components/ui/use-disclosure";

/**
 * What a service provider asks for, most-asked first: the issuer and discovery URL. The other
 * endpoints, read from the same discovery document, open on request.
 */
export function EndpointsCard({
  issuer,
  discovery,
  endpoints,
}: {
  issuer: string;
  discovery: string;
  endpoints: [name: string, url: string][];
}) {
  const t = useTranslations("console.endpoints");
  const { open, panelId, toggle } = useDisclosure();
  return (
    <Card title={t("title")} description={t("description")} help="endpoints">
      <div className="flex flex-col gap-4">
        <CopyField label={t("discovery")} value={discovery} testId="discovery-url" />
        <CopyField label={t("issuer")} value={issuer} testId="issuer" />
        <button
          {...toggle}
          className="flex w-fit items-center gap-1 rounded-md text-sm font-medium text-brand-700 hover:underline"
        >
          <ChevronIcon className={`size-4 transition-transform ${open ? "rotate-90" : ""}`} />
          {open ? t("hideDetails") : t("viewDetails")}
        </button>
        <div id={panelId} hidden={!open} className="flex flex-col gap-4 border-t border-slate-100 pt-4">
          {endpoints.map(([name, url]) => {
            const key = `names.${name}` as "names.token_endpoint";
            return <CopyField key={name} label={t.has(key) ? t(key) : name} value={url} testId={`endpoint-${name}`} />;
          })}
        </div>
      </div>
    </Card>
  );
}
