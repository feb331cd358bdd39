"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { ApiError, callApi } from "../console/api";
import { useFieldError } from "../console/use-field-error";
import { problemText } from "../console/use-save";

type Props = { user: { id: string; email: string; status: "active" | "suspended" } };

/** Password, suspension and deletion: each changes what the user can do at once. */
export function UserActions({ user }: Props) {
  const t = useTranslations("console.users");
  const ts = useTranslations("console.settings");
  const errorText = useFieldError();
  const toast = useToast();
  const router = useRouter();
  const [password, setPassword] = useState("");
  const [passwordError, setPasswordError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const [deleting, setDeleting] = useState(false);
  const [typed, setTyped] = useState("");
  const base = `/api/v1/users/${user.id}`;

  async function run(name: string, action: () => Promise<void>) {
    setBusy(name);
    try {
      await action();
    } catch (error) {
      toast.error(error instanceof ApiError ? problemText(ts, error) : ts("saveFailed"));
    } finally {
      setBusy(undefined);
    }
  }

  const setNewPassword = () =>
    run("password", async () => {
      setPasswordError(undefined);
      try {
        await callApi(`${base}/password`, { method: "PUT", body: { password } });
      } catch (error) {
        if (error instanceof ApiError && error.problem.errors?.password) {
          setPasswordError(error.problem.errors.password[0]);
          return;
        }
        throw error;
      }
      setPassword("");
      toast.success(t("passwordSet"));
    });

  const setStatus = (status: "active" | "suspended") =>
    run("status", async () => {
      if (status === "suspended" && !window.confirm(t("suspendConfirm", { email: user.email }))) return;
      await callApi(`${base}/status`, { method: "PUT", body: { status } });
      toast.success(t(status === "suspended" ? "suspended" : "reactivated", { email: user.email }));
      router.refresh();
    });

  const remove = () =>
    run("delete", async () => {
      await callApi(base, { method: "DELETE" });
      toast.success(t("deleted", { email: user.email }));
      router.push("/users");
      router.refresh();
    });

  return (
    <>
      <Card title={t("password")}>
        <form
          className="flex flex-col gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            void setNewPassword();
          }}
        >
          <p className="text-sm text-slate-600">{t("passwordExplain")}</p>
          <Field
            label={t("newPassword")}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            hint={t("passwordHint")}
            error={errorText(passwordError)}
          />
          <Button type="submit" variant="secondary" busy={busy === "password"} disabled={password.length === 0}>
            {t("setPassword")}
          </Button>
        </form>
      </Card>
      <Card title={t("access")}>
        <div className="flex flex-col gap-3">
          <p className="text-sm text-slate-600">
            {user.status === "active" ? t("suspendExplain") : t("reactivateExplain")}
          </p>
          {user.status === "active" ? (
            <Button
              variant="secondary"
              className="text-red-700"
              busy={busy === "status"}
              onClick={() => setStatus("suspended")}
            >
              {t("suspend")}
            </Button>
          ) : (
            <Button variant="secondary" busy={busy === "status"} onClick={() => setStatus("active")}>
              {t("reactivate")}
            </Button>
          )}
          <Button variant="danger" onClick={() => setDeleting(true)}>
            {t("delete")}
          </Button>
        </div>
      </Card>
      <Dialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title={t("deleteTitle", { email: user.email })}
        description={t("deleteWarning")}
      >
        <form
          className="flex flex-col gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (typed === user.email) void remove();
          }}
        >
          <Field
            label={t("typeEmail", { email: user.email })}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
          />
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button type="button" variant="secondary" onClick={() => setDeleting(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" variant="danger" disabled={typed !== user.email} busy={busy === "delete"}>
              {t("deleteSubmit")}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
