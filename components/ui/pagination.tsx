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
  // A step past either end stays in place, greyed, so the other button does not jump.
  const step = (enabled: boolean, target: number, rel: "prev" | "next", label: string) =>
    enabled ? (
      <Link
        href={hrefFor(target)}
        rel={rel}
        className={`${link} bg-white text-slate-800 ring-slate-300 hover:bg-slate-50`}
      >
        {label}
      </Link>
    ) : (
      <span aria-disabled="true" className={`${link} text-slate-400 ring-slate-200`}>
        {label}
      </span>
    );
  return (
    <nav aria-label={t("label")} className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p>{t("summary", { page, pageCount, total })}</p>
      <div className="flex gap-2">
        {step(page > 1, page - 1, "prev", t("previous"))}
        {step(page < pageCount, page + 1, "next", t("next"))}
      </div>
    </nav>
  );
}
