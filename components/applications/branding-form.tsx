"use client";

import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useFormField } from "../console/use-form-field";
import { UnsavedChanges } from "./save-bar";
import { type ApplicationSectionProps, useSaveApplication } from "./use-save-application";

type Values = { displayName: string; logoUrl: string; logoDarkUrl: string; termsUrl: string; privacyUrl: string };
const fields = ["displayName", "logoUrl", "logoDarkUrl", "termsUrl", "privacyUrl"] as const;

/** Display name, logos and legal links, with a preview of the consent page's header. */
export function BrandingForm({ id, version, name, values }: ApplicationSectionProps<Values> & { name: string }) {
  const t = useTranslations("console.branding");
  const save = useSaveApplication(id, version);
  const form = useForm<Values>({ defaultValues: values });
  const field = useFormField(form);
  const preview = form.watch();
  const shownName = preview.displayName.trim() || name;

  async function submit(next: Values) {
    const result = await save(next);
    if (result && "saved" in result) {
      const { displayName, logoUrl, logoDarkUrl, termsUrl, privacyUrl } = result.saved;
      form.reset({ displayName, logoUrl, logoDarkUrl, termsUrl, privacyUrl });
    }
    for (const [path, messages] of Object.entries(result && "fieldErrors" in result ? result.fieldErrors : {})) {
      form.setError(path as keyof Values, { type: "server", message: messages[0] });
    }
  }

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate className="grid gap-6 lg:grid-cols-5">
      <Card title={t("title")} description={t("description")} help="branding" className="lg:col-span-3">
        <div className="flex flex-col gap-4">
          {fields.map((key) => (
            <Field
              key={key}
              label={t(`fields.${key}`)}
              hint={t(`hints.${key}`)}
              placeholder={key === "displayName" ? name : "https://"}
              inputMode={key === "displayName" ? undefined : "url"}
              {...field(key)}
            />
          ))}
        </div>
      </Card>
      <Card title={t("preview")} help="branding" className="lg:col-span-2">
        <div aria-hidden="true" className="flex flex-col items-center gap-3 rounded-lg bg-slate-50 p-4 text-center">
          {/^https?:\/\//.test(preview.logoUrl) && (
            // biome-ignore lint/performance/noImgElement: a remote logo of unknown size, shown as the consent page will.
            <img src={preview.logoUrl} alt="" className="size-14 rounded-xl object-contain" />
          )}
          <p className="text-base font-semibold text-slate-900">{t("previewHeading", { app: shownName })}</p>
          {(preview.termsUrl || preview.privacyUrl) && (
            <p className="text-xs text-slate-600">{t("previewAgreement", { app: shownName })}</p>
          )}
        </div>
      </Card>
      <UnsavedChanges form={form} />
    </form>
  );
}
