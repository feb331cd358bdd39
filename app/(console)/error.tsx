"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** A console page that failed to load; the detail is in the server log, not on screen. */
export default function ConsoleError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("console.states");
  return (
    <div role="alert" className="flex flex-col items-start gap-3 rounded-xl border border-red-200 bg-white p-6">
      <h1 className="text-lg font-semibold text-slate-900">{t("errorTitle")}</h1>
      <p className="text-sm text-slate-600">{t("errorBody")}</p>
      <Button onClick={reset}>{t("retry")}</Button>
    </div>
  );
}
