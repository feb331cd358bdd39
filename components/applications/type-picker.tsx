"use client";

import { useTranslations } from "next-intl";
import type { ApplicationType } from "@/lib/applications/types";

const groups: { key: "firstParty" | "thirdParty"; types: ApplicationType[] }[] = [
  { key: "thirdParty", types: ["third-party"] },
  { key: "firstParty", types: ["traditional", "spa", "native", "m2m"] },
];

/** Step 1 of the wizard: the kinds of application as a radio group of cards. */
export function TypePicker({
  value,
  onChange,
  firstGroup,
}: {
  value: ApplicationType | undefined;
  onChange: (type: ApplicationType) => void;
  firstGroup: "firstParty" | "thirdParty";
}) {
  const t = useTranslations("console");
  const ordered = firstGroup === "thirdParty" ? groups : [...groups].reverse();
  return (
    <div className="flex flex-col gap-5">
      {ordered.map((group) => (
        <fieldset key={group.key} className="flex flex-col gap-2">
          <legend className="mb-2 text-sm font-semibold text-slate-800">{t(`create.groups.${group.key}`)}</legend>
          {group.types.map((type) => (
            <label
              key={type}
              className={`flex cursor-pointer gap-3 rounded-lg border p-3 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600 ${
                value === type ? "border-brand-600 bg-brand-50" : "border-slate-200 hover:border-slate-300"
              }`}
            >
              <input
                type="radio"
                name="type"
                value={type}
                checked={value === type}
                onChange={() => onChange(type)}
                className="mt-1 size-4 shrink-0 accent-brand-600"
              />
              <span className="flex flex-col">
                <span className="text-sm font-medium text-slate-900">{t(`types.${type}`)}</span>
                <span className="text-sm text-slate-600">{t(`create.typeHelp.${type}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
      ))}
    </div>
  );
}
