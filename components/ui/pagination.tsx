import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Previous / next with "page X of Y"; hidden when everything fits on one page. */
export async function ListPagination({
  page,
  pageCount,
  total,
  hrefFor,
}: {
  page: number;
  pageCount: number;
  total: number;
  hrefFor: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  const t = await getTranslations("console.pagination");
  const link = "rounded-lg px-3 py-1.5 text-sm font-medium ring-1 ring-inset";
  return (
    <nav aria-label={t("label")} className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p>{t("summary", { page, pageCount, total })}</p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link
            href={hrefFor(page - 1)}
            rel="prev"
            className={`${link} bg-white text-slate-800 ring-slate-300 hover:bg-slate-50`}
          >
            {t("previous")}
          </Link>
        ) : (
          <span aria-disabled="true" className={`${link} text-slate-400 ring-slate-200`}>
            {t("previous")}
          </span>
        )}
        {page < pageCount ? (
          <Link
            href={hrefFor(page + 1)}
            rel="next"
            className={`${link} bg-white text-slate-800 ring-slate-300 hover:bg-slate-50`}
          >
            {t("next")}
          </Link>
        ) : (
          <span aria-disabled="true" className={`${link} text-slate-400 ring-slate-200`}>
            {t("next")}
          </span>
        )}
      </div>
    </nav>
  );
}
