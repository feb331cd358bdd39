"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { TrashIcon } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toast";
import { callApi } from "../console/api";

/** What can be deleted this way; each says in the catalog (console.delete.<kind>) what deleting it ends. */
export type DeletableKind = "application" | "api" | "role";

/**
 * Deleting cannot be undone, so the admin types the thing's name to confirm. `endpoint` is its
 * /api/v1 address (answering DELETE); `returnTo` the list to go back to.
 */
export function DeleteButton({
  kind,
  endpoint,
  name,
  returnTo,
}: {
  kind: DeletableKind;
  endpoint: string;
  name: string;
  returnTo: string;
}) {
  const t = useTranslations("console.delete");
  const toast = useToast();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);

  async function remove() {
    setBusy(true);
    try {
      await callApi(endpoint, { method: "DELETE" });
      toast.success(t("done", { name }));
      router.push(returnTo);
      router.refresh();
    } catch {
      setBusy(false);
      toast.error(t(`${kind}.failed`));
    }
  }

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} className="text-red-700">
        <TrashIcon className="size-4" />
        {t("button")}
      </Button>
      <Dialog
        open={open}
        onClose={() => {
          setOpen(false);
          setTyped("");
        }}
        title={t("title", { name })}
        description={t(`${kind}.warning`)}
      >
        <form
          className="flex flex-col gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (typed === name) void remove();
          }}
        >
          <Field
            label={t("typeName", { name })}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
            autoFocus
          />
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" variant="danger" disabled={typed !== name} busy={busy}>
              {t(`${kind}.confirm`)}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
