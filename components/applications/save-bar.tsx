"use client";

import { useTranslations } from "next-intl";
import { type FieldValues, type UseFormReturn, useFormState } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { useUnsavedChangesWarning } from "./unsaved-changes";

/**
 * Pinned to the bottom while a form has unsaved changes: save them, or put the saved values back.
 * The console's <main> makes room for it only while it is there (see data-save-bar).
 */
export function SaveBar({ busy, onDiscard }: { busy: boolean; onDiscard: () => void }) {
  const t = useTranslations("console.settings");
  return (
    <section
      data-save-bar
      aria-label={t("unsavedLabel")}
      className="fixed inset-x-0 bottom-0 z-40 border-t border-slate-200 bg-white/95 px-4 py-3 shadow-[0_-4px_12px_rgba(15,23,42,0.06)] backdrop-blur"
    >
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3">
        <p className="text-sm font-medium text-slate-800">{t("unsaved")}</p>
        <div className="flex gap-2">
          <Button type="button" variant="secondary" onClick={onDiscard} disabled={busy}>
            {t("discard")}
          </Button>
          <Button type="submit" busy={busy}>
            {t("save")}
          </Button>
        </div>
      </div>
    </section>
  );
}

/** The save bar while `form` has unsaved changes, and the warning before leaving loses them. */
export function UnsavedChanges<Values extends FieldValues>({ form }: { form: UseFormReturn<Values> }) {
  const { isDirty, isSubmitting } = useFormState({ control: form.control });
  const leaveGuard = useUnsavedChangesWarning(isDirty);
  return (
    <>
      {isDirty && <SaveBar busy={isSubmitting} onDiscard={() => form.reset()} />}
      {leaveGuard}
    </>
  );
}
