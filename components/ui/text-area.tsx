import type { TextareaHTMLAttributes } from "react";
import { type LabelledProps, labelledControl } from "./field-frame";

export type TextAreaProps = LabelledProps<TextareaHTMLAttributes<HTMLTextAreaElement>>;

/** The multi-line sibling of Field. */
export const TextArea = labelledControl<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>(
  "TextArea",
  (props, ref, wiring) => <textarea {...props} ref={ref} rows={props.rows ?? 3} {...wiring} />,
);
