"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ApiError, callApi } from "@/components/console/api";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { CheckOption } from "./check-option";

export type ChecklistOption = { value: string; label: string; hint?: string };

type Props = {
  /** The fieldset's legend (what is being chosen). */
  legend: string;
  options: ChecklistOption[];
  selected: string[];
  /** Where the whole list is saved, e.g. `PUT /api/v1/users/{id}/roles` with `{ roles: [...] }`. */
  endpoint: string;
  method: "PUT" | "PATCH";
  field: string;
  /** Permissions are sent as `{ indicator, name }` (their value is "indicator name"); roles by name. */
  kind: "permission" | "role";
  empty: string;
};

const asPermission = (value: string) => {
  const at = value.lastIndexOf(" ");
  return { indicator: value.slice(0, at), name: value.slice(at + 1) };
};

/** A set of checkboxes saved as one list (roles of a user, an app's API permissions or access rule). */
export function ChecklistForm({ legend, options, selected, endpoint, method, field, kind, empty }: Props) {
  const t = useTranslations("console.access");
  const toast = useToast();
  const router = useRouter();
  const [chosen, setChosen] = useState(new Set(selected));
  const [busy, setBusy] = useState(false);

  async function save() {
    setBusy(true);
    const values = [...chosen];
    try {
      await callApi(endpoint, { method, body: { [field]: kind === "permission" ? values.map(asPermission) : values } });
      toast.success(t("saved"));
      router.refresh();
    } catch (error) {
      toast.error(error instanceof ApiError ? (error.problem.detail ?? t("saveFailed")) : t("saveFailed"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-800">{legend}</legend>
        {options.length === 0 && <p className="text-sm text-slate-600">{empty}</p>}
        {options.map((option) => (
          <CheckOption
            key={option.value}
            option={option}
            checked={chosen.has(option.value)}
            onChange={(event) => {
              const next = new Set(chosen);
              if (event.target.checked) next.add(option.value);
              else next.delete(option.value);
              setChosen(next);
            }}
          />
        ))}
      </fieldset>
      <div>
        <Button type="submit" busy={busy} disabled={options.length === 0}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
