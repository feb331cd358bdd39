"use client";

import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { Card } from "@/components/ui/card";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { Field } from "@/components/ui/field";
import { TextArea } from "@/components/ui/text-area";
import { usesRedirects } from "@/lib/applications/types";
import { useFormField } from "../console/use-form-field";
import { UnsavedChanges } from "./save-bar";
import {
  formPath,
  hasBackchannelLogout,
  type SettingsSource,
  type SettingsValues,
  settingsResolver,
  toBody,
  toValues,
} from "./settings-values";
import { UriListField } from "./uri-list-field";
import { useSaveApplication } from "./use-save-application";

type Props = { app: SettingsSource & { id: string; version: number } };

/** The application's settings; saved changes reach the provider on its next request. */
export function SettingsForm({ app }: Props) {
  const t = useTranslations("console.settings");
  const save = useSaveApplication(app.id, app.version);
  const form = useForm<SettingsValues>({ resolver: settingsResolver(app.type), defaultValues: toValues(app) });
  const { errors } = form.formState;
  const field = useFormField(form);
  const redirects = usesRedirects(app.type);
  const uriPlaceholder = app.type === "native" ? "com.example.app:/callback" : "https://app.example.com/callback";
  const uriLists = [
    {
      name: "redirectUris",
      hint: app.type === "native" ? "redirectUrisHintNative" : "redirectUrisHint",
      placeholder: uriPlaceholder,
    },
    { name: "postLogoutRedirectUris", hint: "postLogoutRedirectUrisHint", placeholder: uriPlaceholder },
    { name: "corsOrigins", hint: "corsOriginsHint", placeholder: "https://app.example.com" },
  ] as const;

  async function submit(values: SettingsValues) {
    const { body, rowIndex } = toBody(values, app.type);
    const result = await save(body);
    if (result && "saved" in result) form.reset(toValues(result.saved));
    for (const [path, messages] of Object.entries(result && "fieldErrors" in result ? result.fieldErrors : {})) {
      form.setError(formPath(path, rowIndex) as "name", { type: "server", message: messages[0] });
    }
  }

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate className="flex flex-col gap-6">
      <Card title={t("general")} help="general">
        <div className="flex flex-col gap-4">
          <Field label={t("name")} {...field("name")} />
          <TextArea label={t("description")} {...field("description")} />
        </div>
      </Card>
      {redirects && (
        <Card title={t("uris")} description={t("urisDescription")} help="uris">
          <div className="flex flex-col gap-6">
            {uriLists.map(({ name, hint, placeholder }) => (
              <UriListField
                key={name}
                name={name}
                label={t(name)}
                hint={t(hint)}
                placeholder={placeholder}
                control={form.control}
                register={form.register}
                errors={errors}
              />
            ))}
          </div>
        </Card>
      )}
      {hasBackchannelLogout(app.type) && (
        <Card title={t("backchannelLogout")} description={t("backchannelLogoutDescription")} help="backchannel">
          <div className="flex flex-col gap-4">
            <Field
              label={t("backchannelLogoutUri")}
              hint={t("backchannelLogoutUriHint")}
              placeholder="https://app.example.com/backchannel-logout"
              {...field("backchannelLogoutUri")}
            />
            <CheckboxField
              label={t("backchannelLogoutSessionRequired")}
              hint={t("backchannelLogoutSessionRequiredHint")}
              {...form.register("backchannelLogoutSessionRequired")}
            />
          </div>
        </Card>
      )}
      <UnsavedChanges form={form} />
    </form>
  );
}
