import { getTranslations } from "next-intl/server";
import { SearchForm } from "@/components/ui/search-form";
import type { Party } from "@/lib/applications/list";

/** Search applications by name, within the current tab. */
export async function ListSearch({ party, search }: { party: Party; search?: string }) {
  const t = await getTranslations("console.applications");
  return (
    <SearchForm
      action="/applications"
      value={search}
      hidden={party === "third-party" ? { tab: party } : {}}
      label={t("searchLabel")}
      placeholder={t("searchPlaceholder")}
      button={t("searchButton")}
    />
  );
}
