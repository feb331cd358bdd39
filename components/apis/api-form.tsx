"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ApiError, callApi } from "@/components/console/api";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { TextArea } from "@/components/ui/text-area";
import { useToast } from "@/components/ui/toast";

type Saved = { id: string; version: number };
type Props = {
  /** Editing an existing API; without it the form creates one. */
  api?: {
    id: string;
    name: string;
    indicator: string;
    accessTokenTtl: number;
    permissionLines: string;
    version: number;
  };
};

/** "read:pages=Read your wiki pages" per line, as the CLI takes them. */
function permissionsOf(lines: string) {
  return lines
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf("=");
      return at < 0
        ? { name: line, description: "" }
        : { name: line.slice(0, at).trim(), description: line.slice(at + 1).trim() };
    });
}

/** Registers an API (name, indicator, token lifetime, permissions) or edits one. */
export function ApiForm({ api }: Props) {
  const t = useTranslations("console.apis");
  const toast = useToast();
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);

  async function submit(form: FormData) {
    setBusy(true);
    setErrors({});
    const body = {
      name: String(form.get("name") ?? ""),
      indicator: String(form.get("indicator") ?? ""),
      accessTokenTtl: Number(form.get("accessTokenTtl") ?? 3600),
      permissions: permissionsOf(String(form.get("permissions") ?? "")),
      ...(api ? { version: api.version } : {}),
    };
    try {
      const saved = await callApi<Saved>(api ? `/api/v1/apis/${api.id}` : "/api/v1/apis", {
        method: api ? "PATCH" : "POST",
        body,
      });
      toast.success(t(api ? "saved" : "created", { name: body.name }));
      if (api) router.refresh();
      else router.push(`/apis/${saved.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors) setErrors(error.problem.errors);
      else toast.error(error instanceof ApiError ? (error.problem.detail ?? t("saveFailed")) : t("saveFailed"));
    } finally {
      setBusy(false);
    }
  }

  const error = (name: string) =>
    Object.entries(errors)
      .filter(([path]) => path === name || path.startsWith(`${name}.`))
      .flatMap(([, messages]) => messages)[0];
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(new FormData(event.currentTarget));
      }}
    >
      <Field name="name" label={t("name")} defaultValue={api?.name} error={error("name")} required />
      <Field
        name="indicator"
        label={t("indicator")}
        hint={t("indicatorHint")}
        defaultValue={api?.indicator}
        placeholder="https://wiki.example.com/api"
        error={error("indicator")}
        required
      />
      <Field
        name="accessTokenTtl"
        type="number"
        label={t("ttl")}
        hint={t("ttlHint")}
        defaultValue={api?.accessTokenTtl ?? 3600}
        error={error("accessTokenTtl")}
      />
      <TextArea
        name="permissions"
        label={t("permissions")}
        hint={t("permissionsHint")}
        defaultValue={api?.permissionLines}
        placeholder="read:pages=Read your wiki pages"
        rows={4}
        error={error("permissions")}
      />
      <div>
        <Button type="submit" busy={busy}>
          {t(api ? "save" : "create")}
        </Button>
      </div>
    </form>
  );
}
