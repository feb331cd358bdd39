import { getTranslations } from "next-intl/server";
import { ApplicationTable } from "@/components/applications/application-table";
import { CreateAppButton } from "@/components/applications/create-app-button";
import { listHref } from "@/components/applications/list-href";
import { ListSearch } from "@/components/applications/list-search";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ListPagination } from "@/components/ui/pagination";
import { TabLinks } from "@/components/ui/tabs";
import { listApplicationPage, type Party } from "@/lib/applications/list";
import { requireAdmin } from "@/lib/auth/console-session";
import { adminPageTitle } from "@/lib/console/page-title";
import { getDateFormat } from "@/lib/i18n/dates";
import { runtime } from "@/lib/runtime";

export const generateMetadata = adminPageTitle("console.applications");

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function ApplicationsPage({ searchParams }: Props) {
  await requireAdmin();
  const params = await searchParams;
  const party: Party = one(params.tab) === "third-party" ? "third-party" : "first-party";
  const search = one(params.q)?.trim().slice(0, 128) || undefined;
  const result = await listApplicationPage(runtime().database, { party, search, page: Number(one(params.page)) || 1 });
  const t = await getTranslations("console.applications");
  const formatDate = await getDateFormat();

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} intro={t("intro")} action={<CreateAppButton party={party} />} />

      <TabLinks
        label={t("tabsLabel")}
        tabs={(["first-party", "third-party"] as const).map((tab) => ({
          href: listHref(tab),
          label: t(`tabs.${tab}`),
          count: result.counts[tab],
          current: tab === party,
        }))}
      />

      {result.counts[party] === 0 ? (
        <EmptyState title={t(`empty.${party}.title`)} action={<CreateAppButton party={party} />}>
          <p>{t(`empty.${party}.body`)}</p>
        </EmptyState>
      ) : (
        <>
          <ListSearch party={party} search={search} />
          {result.items.length === 0 ? (
            <EmptyState title={t("noMatches.title")}>
              <p>{t("noMatches.body", { search: search ?? "" })}</p>
            </EmptyState>
          ) : (
            <ApplicationTable
              rows={result.items.map((row) => ({ ...row, created: formatDate(row.createdAt) }))}
              caption={t(`tabs.${party}`)}
            />
          )}
          <ListPagination
            page={result.page}
            pageCount={result.pageCount}
            total={result.total}
            hrefFor={(page) => listHref(party, search, page)}
          />
        </>
      )}
    </div>
  );
}
