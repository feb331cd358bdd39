"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/select-field";
import { useToast } from "@/components/ui/toast";
import type { TwoFactorPolicy } from "@/lib/two-factor/policy";
import { callApi } from "../console/api";

const policies: TwoFactorPolicy[] = ["off", "optional", "required"];

/** Two-factor for everyone: off, optional or required (PUT /api/v1/settings/two-factor). */
export function TwoFactorPolicyForm({ policy }: { policy: TwoFactorPolicy }) {
  const t = useTranslations("console.users.twoFactor");
  const ts = useTranslations("console.settings");
  const toast = useToast();
  const router = useRouter();
  const [value, setValue] = useState(policy);
  const [busy, setBusy] = useState(false);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await callApi("/api/v1/settings/two-factor", { method: "PUT", body: { policy: value } });
      toast.success(t("saved"));
      router.refresh();
    } catch {
      toast.error(ts("saveFailed"));
    } finally {
      setBusy(false);
    }
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
