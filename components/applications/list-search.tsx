import { getTranslations } from "next-intl/server";
import { SearchIcon } from "@/components/ui/icons";
import type { Party } from "@/lib/applications/list";

/** Search by name: a plain GET form, so results have a URL and work before scripts load. */
export async function ListSearch({ party, search }: { party: Party; search?: string }) {
  const t = await getTranslations("console.applications");
  return (
    <search className="max-w-md">
      <form action="/applications" className="flex gap-2">
        {party === "third-party" && <input type="hidden" name="tab" value={party} />}
        <label htmlFor="app-search" className="sr-only">
          {t("searchLabel")}
        </label>
        <div className="relative flex-1">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" />
          <input
            id="app-search"
            type="search"
            name="q"
            defaultValue={search}
            placeholder={t("searchPlaceholder")}
            maxLength={128}
            className="min-h-10 w-full rounded-lg border border-slate-300 bg-white py-2 pr-3 pl-9 text-base shadow-sm sm:text-sm"
          />
        </div>
        <button
          type="submit"
          className="min-h-10 rounded-lg bg-white px-4 text-sm font-semibold text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
        >
          {t("searchButton")}
        </button>
      </form>
    </search>
  );
}
