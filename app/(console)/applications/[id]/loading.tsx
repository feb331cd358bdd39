import { getTranslations } from "next-intl/server";

/** The detail page's frame while it loads: header, then the two columns. */
export default async function Loading() {
  const t = await getTranslations("console.states");
  return (
    <div className="flex flex-col gap-6" aria-busy="true">
      <p className="sr-only" role="status">
        {t("loading")}
      </p>
      <div className="h-20 w-1/2 animate-pulse rounded-lg bg-slate-200/70" />
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="h-96 animate-pulse rounded-xl bg-slate-200/60 lg:order-2 lg:col-span-2" />
        <div className="h-96 animate-pulse rounded-xl bg-slate-200/60 lg:order-1 lg:col-span-3" />
      </div>
    </div>
  );
}
