import { forwardRef, type InputHTMLAttributes } from "react";
import { type LabelledProps, labelledControl } from "./field-frame";

export type FieldProps = LabelledProps<InputHTMLAttributes<HTMLInputElement>>;

/** A labelled input with its hint and inline error, wired for screen readers. */
export const Field = labelledControl<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(
  "Field",
  (props, ref, wiring) => <input {...props} ref={ref} {...wiring} />,
);

/** A password being chosen: hidden as typed, and offered to the browser's password manager as a new one. */
export const NewPasswordField = forwardRef<HTMLInputElement, FieldProps>(function NewPasswordField(props, ref) {
  return <Field type="password" autoComplete="new-password" {...props} ref={ref} />;
});
