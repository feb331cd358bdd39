import { useLocale, useTranslations } from "next-intl";
import type { ChangeEvent } from "react";
import { locales } from "@/lib/i18n/locales";

type Props = {
  id: string;
  className?: string;
  disabled?: boolean;
  /** With a handler the select is controlled (the console's menu); without, it starts on the page's language. */
  onChange?: (event: ChangeEvent<HTMLSelectElement>) => void;
};

/** The language select, as every page shows it; what a change does is up to the page. */
export function LanguageSelect({ id, className = "", disabled, onChange }: Props) {
  const t = useTranslations("common.language");
  const locale = useLocale();
  const value = onChange ? { value: locale, onChange } : { defaultValue: locale };
  return (
    <div className={`flex items-center gap-2 text-sm ${className}`}>
      <label htmlFor={id} className="sr-only">
        {t("label")}
      </label>
      <select
        id={id}
        {...value}
        disabled={disabled}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      >
        {locales.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(code)}
          </option>
        ))}
      </select>
    </div>
  );
}
