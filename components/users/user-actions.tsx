"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { Field, NewPasswordField } from "@/components/ui/field";
import { TrashIcon } from "@/components/ui/icons";
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
  const [confirm, confirmDialog] = useConfirm();
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

  const setStatus = async (status: "active" | "suspended") => {
    if (status === "suspended") {
      const sure = await confirm({
        title: t("suspend"),
        body: t("suspendConfirm", { email: user.email }),
        confirmLabel: t("suspend"),
        cancelLabel: t("cancel"),
      });
      if (!sure) return;
    }
    await run("status", async () => {
      await callApi(`${base}/status`, { method: "PUT", body: { status } });
      toast.success(t(status === "suspended" ? "suspended" : "reactivated", { email: user.email }));
      router.refresh();
    });
  };

  const remove = () =>
    run("delete", async () => {
      await callApi(base, { method: "DELETE" });
      toast.success(t("deleted", { email: user.email }));
      router.push("/users");
      router.refresh();
    });

  return (
    <>
      <Card title={t("password")} description={t("passwordAbout")} help="access">
        <form
          className="flex flex-col gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            void setNewPassword();
          }}
        >
          <p className="text-sm text-slate-600">{t("passwordExplain")}</p>
          <NewPasswordField
            label={t("newPassword")}
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
      <Card title={t("access")} description={t("accessAbout")} help="access">
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
          {/* Outlined like "Delete app": the red, filled button is the dialog's final confirmation. */}
          <Button variant="secondary" className="self-start text-red-700" onClick={() => setDeleting(true)}>
            <TrashIcon className="size-4" />
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
      {confirmDialog}
    </>
  );
}
