import { forwardRef, type InputHTMLAttributes } from "react";

export type CheckboxFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { label: string; hint: string };

/** A checkbox with its label and a line of help under it; the whole block toggles it. */
export const CheckboxField = forwardRef<HTMLInputElement, CheckboxFieldProps>(function CheckboxField(
  { label, hint, ...props },
  ref,
) {
  return (
    <label className="flex cursor-pointer gap-3">
      <input {...props} ref={ref} type="checkbox" className="mt-1 size-4 accent-brand-600" />
      <span className="flex flex-col">
        <span className="text-sm font-medium text-slate-900">{label}</span>
        <span className="text-sm text-slate-600">{hint}</span>
      </span>
    </label>
  );
});
