import { forwardRef, type InputHTMLAttributes } from "react";
import { LabelledControl } from "./field-frame";

export type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  error?: string;
  hint?: string;
};

/** A labelled input with its hint and inline error, wired for screen readers. */
export const Field = forwardRef<HTMLInputElement, FieldProps>(function Field(
  { label, error, hint, id, className, ...props },
  ref,
) {
  return (
    <LabelledControl
      {...{ label, error, hint, id, className }}
      render={(wiring) => <input {...props} ref={ref} {...wiring} />}
    />
  );
});

/** A password being chosen: hidden as typed, and offered to the browser's password manager as a new one. */
export const NewPasswordField = forwardRef<HTMLInputElement, FieldProps>(function NewPasswordField(props, ref) {
  return <Field type="password" autoComplete="new-password" {...props} ref={ref} />;
});
