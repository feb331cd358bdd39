import { forwardRef, type TextareaHTMLAttributes } from "react";
import { LabelledControl } from "./field-frame";

export type TextAreaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label: string;
  error?: string;
  hint?: string;
};

/** The multi-line sibling of Field. */
export const TextArea = forwardRef<HTMLTextAreaElement, TextAreaProps>(function TextArea(
  { label, error, hint, id, className, ...props },
  ref,
) {
  return (
    <LabelledControl
      {...{ label, error, hint, id, className }}
      render={(wiring) => <textarea {...props} ref={ref} rows={props.rows ?? 3} {...wiring} />}
    />
  );
});
