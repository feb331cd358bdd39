import type { InputHTMLAttributes } from "react";
import type { ChecklistOption } from "./checklist-form";

/** One choice of a checklist: the box, its label, and the description under it. */
export function CheckOption({
  option,
  ...input
}: { option: ChecklistOption } & Omit<InputHTMLAttributes<HTMLInputElement>, "type">) {
  return (
    <label className="flex cursor-pointer gap-3">
      <input {...input} type="checkbox" className="mt-1 size-4 accent-brand-600" />
      <span className="flex min-w-0 flex-col">
        <span className="text-sm font-medium break-all text-slate-900">{option.label}</span>
        {option.hint && <span className="text-sm text-slate-600">{option.hint}</span>}
      </span>
    </label>
  );
}
