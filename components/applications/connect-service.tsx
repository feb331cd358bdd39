"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { CopyField } from "@/components/ui/copy-field";
import {
  type GuideNeeds,
  guideById,
  normalizeServiceUrl,
  type ProviderEndpoints,
  serviceGuides,
} from "@/lib/applications/service-guides";
import { peekNewSecret } from "./new-secret";
import { useSaveApplication } from "./use-save-application";

type Props = {
  app: { id: string; version: number; clientId: string; redirectUris: string[]; settings: GuideNeeds };
  provider: ProviderEndpoints;
};

/** Shown for the service's address until the admin types it: URL-shaped, so the snippet still reads right. */
const SERVICE_PLACEHOLDER = "https://service.example.com";
const keyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * 32 random characters for the service's own cookie or session key (oauth2-proxy wants exactly
 * 32 bytes). Made in the browser, once per visit: it never crosses the network, and saving a
 * setting (which refreshes the page's data) does not change it under the admin's feet.
 */
function useRandomKey(): string | undefined {
  const [key, setKey] = useState<string>();
  useEffect(() => {
    const chars: string[] = [];
    // 248 is 4 × 62: larger bytes are skipped so that every character is equally likely.
    while (chars.length < 32) {
      for (const byte of crypto.getRandomValues(new Uint8Array(64))) {
        if (byte < 248 && chars.length < 32) chars.push(keyAlphabet[byte % 62]);
      }
    }
    setKey(chars.join(""));
  }, []);
  return key;
}

/** Pick the service, type its address, and copy settings that already hold this app's values. */
export function ConnectService({ app, provider }: Props) {
  const t = useTranslations("console.connect");
  const save = useSaveApplication(app.id, app.version);
  const randomKey = useRandomKey();
  const [guideId, setGuideId] = useState(serviceGuides[0].id);
  const [serviceInput, setServiceInput] = useState("");
  const [redirectUris, setRedirectUris] = useState(app.redirectUris);
  const [settings, setSettings] = useState(app.settings);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const guide = guideById(guideId);
  const serviceUrl = normalizeServiceUrl(serviceInput);
  const redirectUri = guide.redirectPath && serviceUrl ? `${serviceUrl}${guide.redirectPath}` : undefined;
  const secret = peekNewSecret(app.id) ?? t("secretPlaceholder");
  const snippet = guide.snippet({
    ...provider,
    clientId: app.clientId,
    clientSecret: secret,
    serviceUrl: serviceUrl || SERVICE_PLACEHOLDER,
    randomKey: randomKey ?? t("keyPlaceholder"),
    comments: { unusedPath: t("comments.unusedPath"), nextcloudPkce: t("comments.nextcloudPkce") },
  });
  const mismatched = (Object.keys(guide.needs) as (keyof GuideNeeds)[]).filter(
    (key) => guide.needs[key] !== settings[key],
  );

  async function addRedirectUri(uri: string) {
    setBusy(true);
    const result = await save({ redirectUris: [...redirectUris, uri] });
    if (result && "saved" in result) setRedirectUris(result.saved.redirectUris);
    setBusy(false);
  }

  async function applyNeeds() {
    setBusy(true);
    const result = await save({ ...guide.needs });
    if (result && "saved" in result) {
      const { tokenEndpointAuthMethod, pkcePolicy, alwaysIssueRefreshToken } = result.saved;
      setSettings({
        tokenEndpointAuthMethod: tokenEndpointAuthMethod as GuideNeeds["tokenEndpointAuthMethod"],
        pkcePolicy: pkcePolicy as GuideNeeds["pkcePolicy"],
        alwaysIssueRefreshToken,
      });
    }
    setBusy(false);
  }

  return (
    <div className="flex flex-col gap-6">
      <Card title={t("title")} description={t("description")} help="connect">
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-800">{t("chooseService")}</legend>
          <div className="flex flex-wrap gap-2">
            {serviceGuides.map((item) => (
              <label
                key={item.id}
                className="cursor-pointer rounded-full border border-slate-300 px-3 py-1.5 text-sm text-slate-700 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:checked]:text-brand-700 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600"
              >
                <input
                  type="radio"
                  name="service"
                  value={item.id}
                  checked={item.id === guideId}
                  onChange={() => setGuideId(item.id)}
                  className="sr-only"
                />
                {item.name}
              </label>
            ))}
          </div>
        </fieldset>
      </Card>

      <Card title={guide.name} description={t("pasteInto", { target: guide.target })} help="connect">
        <div className="flex flex-col gap-5">
          {guide.redirectPath ? (
            <div className="flex flex-col gap-1.5">
              <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
                {t("serviceUrl", { service: guide.name })}
              </label>
              <input
                id={inputId}
                value={serviceInput}
                onChange={(event) => setServiceInput(event.target.value)}
                inputMode="url"
                placeholder={SERVICE_PLACEHOLDER}
                aria-describedby={`${inputId}-hint`}
                className="min-h-10 rounded-lg border border-slate-300 bg-white px-3 py-2 text-base shadow-sm sm:text-sm"
              />
              <p id={`${inputId}-hint`} className="text-xs text-slate-500">
                {t("serviceUrlHint")}
              </p>
            </div>
          ) : (
            <p className="text-sm text-slate-600">{t("genericRedirect")}</p>
          )}

          {redirectUri && (
            <div className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3">
              <CopyField label={t("redirectUri")} value={redirectUri} testId="guide-redirect-uri" />
              {redirectUris.includes(redirectUri) ? (
                <div>
                  <Badge tone="success">{t("redirectRegistered")}</Badge>
                </div>
              ) : (
                <Button variant="secondary" busy={busy} onClick={() => addRedirectUri(redirectUri)}>
                  {t("addRedirect")}
                </Button>
              )}
            </div>
          )}

          {mismatched.length > 0 && (
            <div className="flex flex-col gap-2">
              <Alert tone="info">
                <p className="font-medium">{t("needsTitle", { service: guide.name })}</p>
                <ul className="mt-1 list-disc pl-5">
                  {mismatched.map((key) => (
                    <li key={key}>{t(`needs.${key}.${String(guide.needs[key])}`)}</li>
                  ))}
                </ul>
              </Alert>
              <Button variant="secondary" busy={busy} onClick={applyNeeds}>
                {t("applyNeeds")}
              </Button>
            </div>
          )}

          <div className="flex flex-col gap-1.5">
            <div className="flex items-center justify-between">
              <span className="text-sm font-medium text-slate-800">{t("snippet")}</span>
              <CopyButton value={snippet} label={t("snippetLabel", { service: guide.name })} />
            </div>
            {/* Focusable, so keyboard users can scroll a long line sideways on a narrow screen. */}
            <section
              aria-label={t("snippetLabel", { service: guide.name })}
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
              tabIndex={0}
              className="overflow-x-auto rounded-lg bg-slate-900"
            >
              <pre data-testid="guide-snippet" className="w-max p-4 font-mono text-xs leading-relaxed text-slate-100">
                {snippet}
              </pre>
            </section>
            {!peekNewSecret(app.id) && (
              <p className="text-xs text-slate-500">{t("secretNote", { placeholder: t("secretPlaceholder") })}</p>
            )}
          </div>
        </div>
      </Card>
    </div>
  );
}
