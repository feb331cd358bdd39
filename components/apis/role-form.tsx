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

/** A role being edited: its id, name, and the values ("indicator name") of the permissions it holds. */
export type EditedRole = { id: string; name: string; permissions: string[] };

/** An option's value back into the reference the API takes (an indicator may contain no space; a name none). */
function permissionRef(value: string) {
  const at = value.lastIndexOf(" ");
  return { indicator: value.slice(0, at), name: value.slice(at + 1) };
}

/**
 * Creates a role with the API permissions ticked, or (given `role`) renames it and sets exactly
 * the permissions ticked. Each option's value is "indicator name".
 */
export function RoleForm({ permissions, role }: { permissions: ChecklistOption[]; role?: EditedRole }) {
  const t = useTranslations("console.roles");
  const toast = useToast();
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const held = new Set(role?.permissions);

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const name = String(data.get("name") ?? "");
    const body = { name, permissions: data.getAll("permission").map(String).map(permissionRef) };
    setBusy(true);
    setError(undefined);
    try {
      if (role) {
        await callApi(`/api/v1/roles/${role.id}`, { method: "PATCH", body });
        toast.success(t("saved"));
      } else {
        await callApi("/api/v1/roles", { method: "POST", body });
        toast.success(t("created", { name }));
        form.reset();
      }
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
      <Field name="name" label={t("name")} error={error} defaultValue={role?.name} required />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-800">{t("permissions")}</legend>
        {permissions.length === 0 && <p className="text-sm text-slate-600">{t("noPermissions")}</p>}
        {permissions.map((option) => (
          <CheckOption
            key={option.value}
            option={option}
            name="permission"
            value={option.value}
            defaultChecked={held.has(option.value)}
          />
        ))}
      </fieldset>
      <div>
        <Button type="submit" busy={busy}>
          {role ? t("save") : t("create")}
        </Button>
      </div>
    </form>
  );
}
