"use client";

import { browserSupportsWebAuthn, startRegistration } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ItemList } from "@/components/ui/item-list";
import type { PasskeyRowData } from "@/lib/passkeys/account-view";
import { PasskeyRow, sendJson } from "./passkey-row";

/**
 * The account page's passkeys: add one (named; the browser makes it), and see, rename or remove
 * each. Passkeys need a script, so the whole card is an island; the list shows without one.
 */
export function PasskeysCard({ passkeys }: { passkeys: PasskeyRowData[] }) {
  const t = useTranslations("account.passkeys");
  const format = useFormatter();
  const router = useRouter();
  const [supported, setSupported] = useState<boolean>();
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();

  useEffect(() => setSupported(browserSupportsWebAuthn()), []);

  async function add(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(undefined);
    try {
      const options = await sendJson("/api/account/passkeys/options", "POST", {});
      if (!options.ok) throw new Error("options");
      const response = await startRegistration({ optionsJSON: await options.json() });
      const chosen = name.trim() || t("defaultName", { date: format.dateTime(new Date(), { dateStyle: "medium" }) });
      const saved = await sendJson("/api/account/passkeys", "POST", { name: chosen, response });
      if (!saved.ok) throw new Error("verify");
      setName("");
      setMessage({ tone: "success", text: t("added", { name: chosen }) });
      router.refresh();
    } catch (error) {
      const cancelled = error instanceof Error && (error.name === "NotAllowedError" || error.name === "AbortError");
      setMessage({ tone: "error", text: cancelled ? t("cancelled") : t("addFailed") });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="passkeys" className="flex flex-col gap-3">
      <h2 id="passkeys" className="text-base font-semibold text-slate-900">
        {t("heading")}
      </h2>
      <p className="text-sm text-slate-600">{t("explain")}</p>
      {message && (
        <div aria-live="polite">
          <Alert tone={message.tone}>{message.text}</Alert>
        </div>
      )}
      <ItemList items={passkeys} empty={t("none")}>
        {(passkey) => <PasskeyRow key={passkey.id} passkey={passkey} onChanged={(text) => setMessage(text)} />}
      </ItemList>
      {supported === false && <p className="text-sm text-slate-600">{t("unsupported")}</p>}
      {supported && (
        <form onSubmit={add} className="flex flex-col gap-2 sm:flex-row sm:items-end">
          <div className="flex-1">
            <Field
              label={t("nameLabel")}
              hint={t("nameHint")}
              name="passkey-name"
              value={name}
              maxLength={64}
              autoComplete="off"
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <Button type="submit" busy={busy} className="sm:mb-6">
            {t("add")}
          </Button>
        </form>
      )}
    </section>
  );
}
