"use client";

import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { Card } from "@/components/ui/card";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { type PkcePolicy, pkcePolicies } from "@/lib/validation/application-rules";
import type { Jwks } from "@/lib/validation/jwks";
import { useFormField } from "../console/use-form-field";
import { ClientKeysFields, type ClientKeyValues, fromKeyValues, keyFieldOf, toKeyValues } from "./client-keys-fields";
import { UnsavedChanges } from "./save-bar";
import { type ApplicationSectionProps, useSaveApplication } from "./use-save-application";

/** The settings edited as they are stored. */
type Choices = {
  alwaysIssueRefreshToken: boolean;
  rotateRefreshToken: boolean;
  pkcePolicy: PkcePolicy;
  requirePar: boolean;
  tokenEndpointAuthMethod: string;
  deviceFlow: boolean;
  requireTwoFactor: boolean;
};
type Settings = Choices & {
  accessTokenTtl: number | null;
  refreshTokenTtl: number | null;
  jwks: Jwks | null;
  jwksUri: string;
};
/** Lifetimes are edited in minutes and days (blank: the default) and stored in seconds. */
type Values = Choices & ClientKeyValues & { accessMinutes: string; refreshDays: string };

const toValues = (s: Settings): Values => ({
  accessMinutes: s.accessTokenTtl === null ? "" : String(s.accessTokenTtl / 60),
  refreshDays: s.refreshTokenTtl === null ? "" : String(s.refreshTokenTtl / 86400),
  alwaysIssueRefreshToken: s.alwaysIssueRefreshToken,
  rotateRefreshToken: s.rotateRefreshToken,
  pkcePolicy: s.pkcePolicy,
  requirePar: s.requirePar,
  tokenEndpointAuthMethod: s.tokenEndpointAuthMethod,
  deviceFlow: s.deviceFlow,
  requireTwoFactor: s.requireTwoFactor,
  ...toKeyValues(s.jwks, s.jwksUri),
});
const seconds = (value: string, unit: number) => (value.trim() === "" ? null : Math.round(Number(value) * unit));

export function TokenSettingsForm({
  id,
  version,
  machine,
  confidential,
  native,
  values,
}: ApplicationSectionProps<Settings> & {
  machine: boolean;
  confidential: boolean;
  /** Native apps may turn on device sign-in (RFC 8628). */
  native: boolean;
}) {
  const t = useTranslations("console.tokens");
  const save = useSaveApplication(id, version);
  const form = useForm<Values>({ defaultValues: toValues(values) });
  const field = useFormField(form);
  const pkce = form.watch("pkcePolicy");
  const usesKeys = form.watch("tokenEndpointAuthMethod") === "private_key_jwt";

  async function submit(next: Values) {
    const result = await save({
      accessTokenTtl: seconds(next.accessMinutes, 60),
      ...(machine
        ? {}
        : {
            refreshTokenTtl: seconds(next.refreshDays, 86400),
            alwaysIssueRefreshToken: next.alwaysIssueRefreshToken,
            rotateRefreshToken: next.rotateRefreshToken,
            requirePar: next.requirePar,
            requireTwoFactor: next.requireTwoFactor,
          }),
      ...(confidential ? { tokenEndpointAuthMethod: next.tokenEndpointAuthMethod, ...fromKeyValues(next) } : {}),
      ...(confidential && !machine ? { pkcePolicy: next.pkcePolicy } : {}),
      ...(native ? { deviceFlow: next.deviceFlow } : {}),
    });
    if (result && "saved" in result) form.reset(toValues(result.saved));
    const field = { accessTokenTtl: "accessMinutes", refreshTokenTtl: "refreshDays" } as const;
    for (const [path, messages] of Object.entries(result && "fieldErrors" in result ? result.fieldErrors : {})) {
      const name = field[path as keyof typeof field] ?? keyFieldOf(path);
      // The first problem of a field is shown; inside a key set it says which member (keys.0.d).
      const inside = path.split(".").slice(1).join(".");
      const message = inside ? `${inside}: ${messages[0]}` : messages[0];
      if (name && !form.getFieldState(name).error) form.setError(name, { type: "server", message });
    }
  }

  const checkbox = (
    name: "alwaysIssueRefreshToken" | "rotateRefreshToken" | "requirePar" | "deviceFlow" | "requireTwoFactor",
  ) => <CheckboxField label={t(`${name}.label`)} hint={t(`${name}.hint`)} {...form.register(name)} />;

  /** A lifetime in whole minutes or days; blank keeps the server's default. */
  const lifetime = (name: "accessMinutes" | "refreshDays", hint: string, placeholder: string) => (
    <Field
      label={t(name)}
      hint={t(hint)}
      inputMode="numeric"
      placeholder={placeholder}
      {...field(name, { validate: (v) => v.trim() === "" || /^\d+$/.test(v.trim()) || "numberRequired" })}
    />
  );

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate className="flex flex-col gap-6">
      <Card title={t("title")} description={t("description")} help="tokens">
        <div className="flex max-w-xl flex-col gap-5">
          {lifetime("accessMinutes", "accessHint", "60")}
          {!machine && (
            <>
              {lifetime("refreshDays", "refreshHint", "14")}
              {checkbox("alwaysIssueRefreshToken")}
              <p className="-mt-3 ml-7 text-sm text-slate-600">{t("offlineAccessRule")}</p>
              {checkbox("rotateRefreshToken")}
              {confidential && (
                <SelectField
                  label={t("pkcePolicy.label")}
                  hint={t(`pkcePolicy.hint.${pkce}`)}
                  options={pkcePolicies.map((value) => ({ value, label: t(`pkcePolicy.options.${value}`) }))}
                  {...form.register("pkcePolicy")}
                />
              )}
              {checkbox("requirePar")}
              {native && checkbox("deviceFlow")}
              {checkbox("requireTwoFactor")}
            </>
          )}
          {confidential && (
            <SelectField
              label={t("authMethod")}
              hint={t("authHint")}
              options={[
                { value: "client_secret_basic", label: t("authBasic") },
                { value: "client_secret_post", label: t("authPost") },
                { value: "private_key_jwt", label: t("authPrivateKeyJwt") },
              ]}
              {...form.register("tokenEndpointAuthMethod")}
            />
          )}
          {confidential && usesKeys && <ClientKeysFields form={form} />}
        </div>
      </Card>
      <UnsavedChanges form={form} />
    </form>
  );
}
