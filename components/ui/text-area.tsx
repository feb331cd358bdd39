import { forwardRef, type TextareaHTMLAttributes } from "react";
import { controlClass, FieldFrame, useFieldIds } from "./field-frame";

export type TextAreaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label: string;
  error?: string;
  hint?: string;
};

/** The multi-line sibling of Field. */
export const TextArea = forwardRef<HTMLTextAreaElement, TextAreaProps>(function TextArea(
  { label, error, hint, id, className = "", ...props },
  ref,
) {
  const ids = useFieldIds(id, hint, error);
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className} {...ids}>
      <textarea
        {...props}
        ref={ref}
        id={ids.inputId}
        rows={props.rows ?? 3}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        className={controlClass(error)}
      />
    </FieldFrame>
  );
});
