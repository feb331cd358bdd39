"use client";

import { useTranslations } from "next-intl";
import type { UseFormReturn } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { TextArea } from "@/components/ui/text-area";
import type { Jwks } from "@/lib/validation/jwks";
import { useFormField } from "../console/use-form-field";

/** The form's view of an app's registered keys: the key set as the JSON text an admin pastes. */
export type ClientKeyValues = { jwksUri: string; jwksText: string };

export const toKeyValues = (jwks: Jwks | null, jwksUri: string): ClientKeyValues => ({
  jwksUri,
  jwksText: jwks ? JSON.stringify(jwks, null, 2) : "",
});

/** What the API takes: the text parsed (blank is no key set); the server checks the keys themselves. */
export const fromKeyValues = (values: ClientKeyValues) => ({
  jwksUri: values.jwksUri.trim(),
  jwks: values.jwksText.trim() === "" ? null : (JSON.parse(values.jwksText) as Jwks),
});

/** An API error path (`jwks.keys.0.d`) as the form field it belongs to, if it is one of these. */
export function keyFieldOf(path: string): keyof ClientKeyValues | undefined {
  const [head] = path.split(".");
  return head === "jwks" ? "jwksText" : head === "jwksUri" ? "jwksUri" : undefined;
}

function parsesAsJson(text: string) {
  if (text.trim() === "") return true;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return "jwksNotJson";
  }
}

/**
 * Where a private_key_jwt app's public keys come from: a JWKS URI, or the key set pasted in.
 * Exactly one of the two; the server names the field when that or a key is wrong.
 */
export function ClientKeysFields<V extends ClientKeyValues>({ form }: { form: UseFormReturn<V> }) {
  const t = useTranslations("console.tokens");
  // The form's values include these two fields; react-hook-form's generics cannot see that through V.
  const field = useFormField(form as unknown as UseFormReturn<ClientKeyValues>);
  return (
    <fieldset className="flex flex-col gap-5 border-l-2 border-slate-200 pl-4">
      <legend className="mb-2 text-sm text-slate-600">{t("keysIntro")}</legend>
      <Field label={t("jwksUri")} hint={t("jwksUriHint")} inputMode="url" {...field("jwksUri")} />
      <TextArea
        label={t("jwks")}
        hint={t("jwksHint")}
        rows={8}
        spellCheck={false}
        className="font-mono text-xs"
        {...field("jwksText", { validate: parsesAsJson })}
      />
    </fieldset>
  );
}
