"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { callApi } from "../console/api";
import { useApiAction } from "./use-api-action";

/**
 * Whether people may create their own accounts from the sign-in page (PUT
 * /api/v1/settings/self-registration). Without email it cannot be switched on: a sign-up is only
 * finished by the link sent to its address.
 */
export function SelfRegistrationForm({ enabled, emailOff }: { enabled: boolean; emailOff: boolean }) {
  const t = useTranslations("console.users.selfRegistration");
  const [value, setValue] = useState(enabled);
  const { busy, run } = useApiAction();

  async function save(event: React.FormEvent) {
    event.preventDefault();
    await run(
      () => callApi("/api/v1/settings/self-registration", { method: "PUT", body: { enabled: value } }),
      t("saved"),
    );
  }

  return (
    <Card title={t("title")}>
      <form onSubmit={save} className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <CheckboxField
          label={t("label")}
          hint={t("hint")}
          checked={value}
          // Switching it off stays possible without email; switching it on does not.
          disabled={emailOff && !enabled}
          onChange={(event) => setValue(event.target.checked)}
        />
        <Button type="submit" variant="secondary" busy={busy} disabled={value === enabled}>
          {t("save")}
        </Button>
      </form>
      {emailOff && !enabled && (
        <div className="mt-3">
          <Alert tone="warning">{t("emailOff")}</Alert>
        </div>
      )}
    </Card>
  );
}
