"use client";

import type { FieldPath, FieldValues, RegisterOptions, UseFormReturn } from "react-hook-form";
import { useFieldError } from "./use-field-error";

/**
 * What every form control takes from react-hook-form: its registration and its error as text.
 * Spread the result into a Field, TextArea or SelectField: `<Field label={…} {...field("email")} />`.
 */
export function useFormField<Values extends FieldValues>(form: UseFormReturn<Values>) {
  const errorText = useFieldError();
  return <Name extends FieldPath<Values>>(name: Name, options?: RegisterOptions<Values, Name>) => ({
    error: errorText(form.getFieldState(name, form.formState).error?.message),
    ...form.register(name, options),
  });
}
