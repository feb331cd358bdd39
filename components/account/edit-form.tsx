"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { EditFormState } from "@/lib/account/view";

/**
 * One of /account's edit sections: a heading, then a plain form post carrying the anti-forgery
 * token (no script needed; the route answers with a redirect back here saying how it went).
 */
export function EditSection({
  id,
  heading,
  action,
  state,
  savedText,
  submit,
  before,
  children,
}: {
  id: string;
  heading: string;
  action: string;
  state: EditFormState;
  savedText: string;
  submit: string;
  before?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="flex scroll-mt-4 flex-col gap-3">
      <h2 id={`${id}-heading`} className="text-base font-semibold text-slate-900">
        {heading}
      </h2>
      {state.saved && <Alert tone="success">{savedText}</Alert>}
      {before}
      <form method="post" action={action} className="flex flex-col gap-3" noValidate>
        <input type="hidden" name="token" value={state.token} />
        {children}
        <div>
          <Button type="submit">{submit}</Button>
        </div>
      </form>
    </section>
  );
}

/** A field of an edit form, with the error the last post left on it (a message key, translated here). */
export function EditField({
  state,
  name,
  label,
  defaultValue,
  ...props
}: {
  state: EditFormState;
  name: string;
  label: string;
  defaultValue?: string;
  type?: string;
  autoComplete?: string;
  hint?: string;
  required?: boolean;
}) {
  const tv = useTranslations("validation");
  const key = state.errors[name];
  const error = key ? (tv.has(key) ? tv(key) : tv("invalid")) : undefined;
  const value = props.type === "password" ? undefined : (state.values[name] ?? defaultValue);
  return <Field {...props} id={`${state.form}-${name}`} name={name} label={label} defaultValue={value} error={error} />;
}
