"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { CheckIcon, CopyIcon } from "./icons";

/**
 * Puts `value` on the clipboard. The accessible name says what is copied ("Copy client ID"),
 * and the confirmation is announced politely.
 */
export function CopyButton({ value, label, className = "" }: { value: string; label: string; className?: string }) {
  const t = useTranslations("common.copy");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <span className="relative inline-flex">
      <button
        type="button"
        onClick={copy}
        aria-label={t("copyValue", { label })}
        title={t("copyValue", { label })}
        className={`inline-flex size-9 shrink-0 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-800 ${className}`}
      >
        {state === "copied" ? <CheckIcon className="size-4 text-emerald-600" /> : <CopyIcon className="size-4" />}
      </button>
      <span role="status" className="sr-only">
        {state === "copied" ? t("copied") : state === "failed" ? t("failed") : ""}
      </span>
    </span>
  );
}
