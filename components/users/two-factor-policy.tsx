"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/select-field";
import type { TwoFactorPolicy } from "@/lib/two-factor/policy";
import { callApi } from "../console/api";
import { useApiAction } from "./use-api-action";

const policies: TwoFactorPolicy[] = ["off", "optional", "required"];

/** Two-factor for everyone: off, optional or required (PUT /api/v1/settings/two-factor). */
export function TwoFactorPolicyForm({ policy }: { policy: TwoFactorPolicy }) {
  const t = useTranslations("console.users.twoFactor");
  const [value, setValue] = useState(policy);
  const { busy, run } = useApiAction();

  async function save(event: React.FormEvent) {
    event.preventDefault();
    await run(() => callApi("/api/v1/settings/two-factor", { method: "PUT", body: { policy: value } }), t("saved"));
  }

  return (
    <Card title={t("title")} help="twoFactor">
      <form onSubmit={save} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <SelectField
          label={t("policyLabel")}
          hint={t("policyHint")}
          className="flex-1"
          value={value}
          onChange={(event) => setValue(event.target.value as TwoFactorPolicy)}
          options={policies.map((p) => ({ value: p, label: t(`policies.${p}`) }))}
        />
        <Button type="submit" variant="secondary" busy={busy} disabled={value === policy}>
          {t("save")}
        </Button>
      </form>
    </Card>
  );
}
