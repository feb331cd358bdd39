import { getTranslations } from "next-intl/server";

/** The page's frame while the keys load, the same size as the real one. */
export default async function Loading() {
  const t = await getTranslations("console.states");
  return (
    <div className="flex flex-col gap-6" aria-busy="true">
      <p className="sr-only" role="status">
        {t("loading")}
      </p>
      <div className="h-16 w-2/3 animate-pulse rounded-lg bg-slate-200/70" />
      <div className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4">
        {[0, 1, 2].map((row) => (
          <div key={row} className="h-9 animate-pulse rounded bg-slate-100" />
        ))}
      </div>
      <div className="h-16 max-w-2xl animate-pulse rounded-lg bg-slate-200/70" />
    </div>
  );
}
