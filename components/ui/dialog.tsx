"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useId, useRef } from "react";
import { CloseIcon } from "./icons";

/** The control a dialog focuses first: one marked data-autofocus, else its first form field. */
function initialFocus(panel: HTMLElement): HTMLElement | null {
  return panel.querySelector<HTMLElement>(
    "[data-autofocus], input:not([type=hidden]):not([disabled]), textarea:not([disabled]), select:not([disabled])",
  );
}

/**
 * A modal built on the native <dialog>: the browser traps focus, Escape closes it, and the page
 * behind is inert. It opens on its first field (not on Close) and gives focus back to whatever
 * opened it when it closes, even when the caller unmounts it instead of closing it. On phones it
 * fills the width and sits at the bottom. Text starts at the left whatever the page around it
 * aligns (an empty state centres its text).
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  size = "md",
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  size?: "md" | "lg";
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();
  const t = useTranslations("console.common");

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      const first = bodyRef.current && initialFocus(bodyRef.current);
      first?.focus();
    }
    if (!open && dialog.open) dialog.close();
    if (!open) restoreFocus(opener);
  }, [open]);

  // Unmounted while open (callers often render `{open && <Dialog open />}`): focus goes back too.
  useEffect(() => () => restoreFocus(opener), []);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the backdrop click has a keyboard twin, Escape (onCancel).
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its panel) closes it.
        if (event.target === ref.current) onClose();
      }}
      className={`m-0 mt-auto w-full max-w-none rounded-t-2xl bg-white p-0 text-left text-slate-900 shadow-xl backdrop:bg-slate-900/40 sm:m-auto sm:rounded-2xl ${
        size === "lg" ? "sm:max-w-2xl" : "sm:max-w-lg"
      }`}
    >
      {open && (
        <div className="flex max-h-[90dvh] flex-col">
          <div className="flex items-start justify-between gap-4 border-b border-slate-100 px-5 py-4">
            <div>
              <h2 id={titleId} className="text-lg font-semibold">
                {title}
              </h2>
              {description && (
                <p id={descriptionId} className="mt-1 text-sm text-slate-600">
                  {description}
                </p>
              )}
            </div>
            <button
              type="button"
              onClick={onClose}
              aria-label={t("close")}
              className="inline-flex size-9 shrink-0 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100"
            >
              <CloseIcon className="size-5" />
            </button>
          </div>
          <div ref={bodyRef} className="overflow-y-auto px-5 py-4">
            {children}
          </div>
        </div>
      )}
    </dialog>
  );
}

function restoreFocus(opener: { current: HTMLElement | null }) {
  const target = opener.current;
  opener.current = null;
  // The opener may have gone with the change the dialog made (a deleted row): then nothing to return to.
  if (target?.isConnected) target.focus();
}
