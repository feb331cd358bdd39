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
import { usePasswordProof } from "./passkey-password";
import { sendJson } from "./passkey-requests";
import { PasskeyRow } from "./passkey-row";

/**
 * The account page's passkeys: add one (named; the browser makes it), and see, rename or remove
 * each. Passkeys need a script, so the whole card is an island; the list shows without one.
 * Adding asks for the current password first (the server issues the browser's challenge only
 * then): a session left open must not be enough to keep a way into the account.
 */
export function PasskeysCard({ passkeys }: { passkeys: PasskeyRowData[] }) {
  const t = useTranslations("account.passkeys");
  const format = useFormatter();
  const router = useRouter();
  const [supported, setSupported] = useState<boolean>();
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const proof = usePasswordProof();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();

  useEffect(() => setSupported(browserSupportsWebAuthn()), []);

  async function add(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(undefined);
    proof.reset();
    try {
      const options = await sendJson("/api/account/passkeys/options", "POST", { currentPassword: proof.password });
      if (await proof.refused(options)) return;
      if (!options.ok) throw new Error("options");
      // Checked: the password is not kept in the page any longer than needed.
      proof.clear();
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
        <form onSubmit={add} className="flex flex-col gap-3" noValidate>
          <Field
            label={t("nameLabel")}
            hint={t("nameHint")}
            name="passkey-name"
            value={name}
            maxLength={64}
            autoComplete="off"
            onChange={(event) => setName(event.target.value)}
          />
          {proof.field}
          <div>
            <Button type="submit" busy={busy}>
              {t("add")}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
