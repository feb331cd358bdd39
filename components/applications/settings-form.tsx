"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { TextArea } from "@/components/ui/text-area";
import { useToast } from "@/components/ui/toast";
import type { ApplicationView } from "@/lib/applications/service";
import { type ApplicationType, usesRedirects } from "@/lib/applications/types";
import { ApiError, callApi } from "../console/api";
import { useFieldError } from "../console/use-field-error";
import {
  formPath,
  type SettingsSource,
  type SettingsValues,
  settingsResolver,
  toBody,
  toValues,
} from "./settings-values";
import { useUnsavedChangesWarning } from "./unsaved-changes";
import { UriListField } from "./uri-list-field";

type Props = { app: SettingsSource & { id: string; type: ApplicationType; version: number } };

/** The application's settings; saved changes reach the provider on its next request. */
export function SettingsForm({ app }: Props) {
  const t = useTranslations("console.settings");
  const errorText = useFieldError();
  const toast = useToast();
  const router = useRouter();
  const [version, setVersion] = useState(app.version);
  const form = useForm<SettingsValues>({ resolver: settingsResolver(app.type), defaultValues: toValues(app) });
  const { errors, isDirty, isSubmitting } = form.formState;
  useUnsavedChangesWarning(isDirty, t("leaveWarning"));
  const redirects = usesRedirects(app.type);
  const uriPlaceholder = app.type === "native" ? "com.example.app:/callback" : "https://app.example.com/callback";

  async function save(values: SettingsValues) {
    const { body, rowIndex } = toBody(values);
    try {
      const saved = await callApi<ApplicationView>(`/api/v1/applications/${app.id}`, {
        method: "PATCH",
        body: { ...body, version },
      });
      setVersion(saved.version);
      form.reset(toValues(saved));
      toast.success(t("saved"));
      router.refresh();
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 400 && error.problem.errors) {
        for (const [path, messages] of Object.entries(error.problem.errors)) {
          form.setError(formPath(path, rowIndex) as "name", { type: "server", message: messages[0] });
        }
        return;
      }
      toast.error(error instanceof ApiError && error.problem.status === 409 ? t("conflict") : t("saveFailed"));
    }
  }

  return (
    <form onSubmit={form.handleSubmit(save)} noValidate className="flex flex-col gap-6 pb-24">
      <Card title={t("general")}>
        <div className="flex flex-col gap-4">
          <Field label={t("name")} error={errorText(errors.name?.message)} {...form.register("name")} />
          <TextArea
            label={t("description")}
            error={errorText(errors.description?.message)}
            {...form.register("description")}
          />
        </div>
      </Card>
      {redirects && (
        <Card title={t("uris")} description={t("urisDescription")}>
          <div className="flex flex-col gap-6">
            <UriListField
              name="redirectUris"
              label={t("redirectUris")}
              hint={t(app.type === "native" ? "redirectUrisHintNative" : "redirectUrisHint")}
              placeholder={uriPlaceholder}
              control={form.control}
              register={form.register}
              errors={errors}
            />
            <UriListField
              name="postLogoutRedirectUris"
              label={t("postLogoutRedirectUris")}
              hint={t("postLogoutRedirectUrisHint")}
              placeholder={uriPlaceholder}
              control={form.control}
              register={form.register}
              errors={errors}
            />
            <UriListField
              name="corsOrigins"
              label={t("corsOrigins")}
              hint={t("corsOriginsHint")}
              placeholder="https://app.example.com"
              control={form.control}
              register={form.register}
              errors={errors}
            />
          </div>
        </Card>
      )}
      {isDirty && (
        <section
          aria-label={t("unsavedLabel")}
          className="fixed inset-x-0 bottom-0 z-40 border-t border-slate-200 bg-white/95 px-4 py-3 shadow-[0_-4px_12px_rgba(15,23,42,0.06)] backdrop-blur"
        >
          <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3">
            <p className="text-sm font-medium text-slate-800">{t("unsaved")}</p>
            <div className="flex gap-2">
              <Button type="button" variant="secondary" onClick={() => form.reset()} disabled={isSubmitting}>
                {t("discard")}
              </Button>
              <Button type="submit" busy={isSubmitting}>
                {t("save")}
              </Button>
            </div>
          </div>
        </section>
      )}
    </form>
  );
}
