import type { SelectHTMLAttributes } from "react";
import { type LabelledProps, labelledControl } from "./field-frame";

type SelectAttributes = SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] };
export type SelectFieldProps = LabelledProps<SelectAttributes>;

/** A labelled <select>: native, so keyboards, screen readers and phones handle it well. */
export const SelectField = labelledControl<HTMLSelectElement, SelectAttributes>(
  "SelectField",
  ({ options, ...props }, ref, wiring) => (
    <select {...props} ref={ref} {...wiring}>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  ),
);
