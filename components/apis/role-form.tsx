"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ApiError, callApi } from "@/components/console/api";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { CheckOption } from "./check-option";
import type { ChecklistOption } from "./checklist-form";

/** Creates a role with the API permissions ticked (each option's value is "indicator name"). */
export function RoleForm({ permissions }: { permissions: ChecklistOption[] }) {
  const t = useTranslations("console.roles");
  const toast = useToast();
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const name = String(data.get("name") ?? "");
    const chosen = data.getAll("permission").map(String);
    setBusy(true);
    setError(undefined);
    try {
      await callApi("/api/v1/roles", {
        method: "POST",
        body: {
          name,
          permissions: chosen.map((value) => {
            const at = value.lastIndexOf(" ");
            return { indicator: value.slice(0, at), name: value.slice(at + 1) };
          }),
        },
      });
      toast.success(t("created", { name }));
      form.reset();
      router.refresh();
    } catch (failure) {
      const problem = failure instanceof ApiError ? failure.problem : undefined;
      if (problem?.errors?.name) setError(problem.errors.name[0]);
      else toast.error(problem?.detail ?? t("saveFailed"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(event.currentTarget);
      }}
    >
      <Field name="name" label={t("name")} error={error} required />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-800">{t("permissions")}</legend>
        {permissions.length === 0 && <p className="text-sm text-slate-600">{t("noPermissions")}</p>}
        {permissions.map((option) => (
          <CheckOption key={option.value} option={option} name="permission" value={option.value} />
        ))}
      </fieldset>
      <div>
        <Button type="submit" busy={busy}>
          {t("create")}
        </Button>
      </div>
    </form>
  );
}
