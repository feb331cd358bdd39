import { forwardRef, type SelectHTMLAttributes } from "react";
import { LabelledControl } from "./field-frame";

export type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  options: { value: string; label: string }[];
  hint?: string;
  error?: string;
};

/** A labelled <select>: native, so keyboards, screen readers and phones handle it well. */
export const SelectField = forwardRef<HTMLSelectElement, SelectFieldProps>(function SelectField(
  { label, options, hint, error, id, className, ...props },
  ref,
) {
  return (
    <LabelledControl
      {...{ label, error, hint, id, className }}
      render={(wiring) => (
        <select {...props} ref={ref} {...wiring}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
});
