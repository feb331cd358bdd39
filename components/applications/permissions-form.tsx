"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { Card } from "@/components/ui/card";
import type { GrantedUser } from "@/lib/grants/connected-apps";
import { UnsavedChanges } from "./save-bar";
import { useSaveApplication } from "./use-save-application";

type Values = { allowedScopes: string[] };

/** The user scopes a third-party app may ask for; anything else is refused with invalid_scope. */
export function PermissionsForm({
  id,
  version,
  allowedScopes,
  choices,
  grantedUsers,
}: {
  id: string;
  version: number;
  allowedScopes: string[];
  /** The scopes an admin may allow: user scopes for third-party apps, "management" for m2m apps. */
  choices: string[];
  /** Third-party apps: how many users authorized it, and the first few of them. */
  grantedUsers?: { total: number; users: GrantedUser[] };
}) {
  const t = useTranslations("console.permissions");
  const save = useSaveApplication(id, version);
  const form = useForm<Values>({ defaultValues: { allowedScopes: allowedScopes.filter((s) => choices.includes(s)) } });
  const machine = grantedUsers === undefined;

  async function submit(values: Values) {
    // Keep the catalog's order, whatever order the boxes were ticked in.
    const chosen = choices.filter((scope) => values.allowedScopes.includes(scope));
    const result = await save({ allowedScopes: chosen });
    if (result && "saved" in result) form.reset({ allowedScopes: result.saved.allowedScopes });
  }

  return (
    <form onSubmit={form.handleSubmit(submit)} className="flex flex-col gap-6">
      <Card title={t("title")} description={t(machine ? "descriptionMachine" : "description")} help="permissions">
        <fieldset className="flex flex-col gap-3">
          <legend className="sr-only">{t("title")}</legend>
          {choices.map((scope) => (
            <label
              key={scope}
              className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
            >
              <input
                type="checkbox"
                value={scope}
                className="mt-1 size-4 accent-brand-600"
                {...form.register("allowedScopes")}
              />
              <span className="flex flex-col">
                <span className="text-sm font-medium text-slate-900">
                  {t(`scopes.${scope}.title` as "scopes.email.title")}{" "}
                  <code className="ml-1 font-mono text-xs text-slate-600">{scope}</code>
                </span>
                <span className="text-sm text-slate-600">{t(`scopes.${scope}.detail` as "scopes.email.detail")}</span>
              </span>
            </label>
          ))}
          {!machine && <p className="text-sm text-slate-600">{t("alwaysAllowed")}</p>}
        </fieldset>
      </Card>
      {!machine && (
        <Card title={t("grantsTitle")} description={t("grantsDescription")} help="permissions">
          <p className="text-sm text-slate-700" data-testid="granted-users">
            {t("grants", { count: grantedUsers.total })}
          </p>
          {grantedUsers.users.length > 0 && (
            <ul className="mt-3 flex flex-col gap-1 text-sm">
              {grantedUsers.users.map((user) => (
                <li key={user.id}>
                  <Link href={`/users/${user.id}`} className="font-medium text-brand-700 hover:underline">
                    {user.name ? `${user.name} (${user.email})` : user.email}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {grantedUsers.total > grantedUsers.users.length && (
            <p className="mt-2 text-sm text-slate-600">
              {t("grantsMore", { count: grantedUsers.total - grantedUsers.users.length })}
            </p>
          )}
        </Card>
      )}
      <UnsavedChanges form={form} />
    </form>
  );
}
