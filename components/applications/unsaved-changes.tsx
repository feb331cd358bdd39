"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ReactNode, useEffect } from "react";
import { useConfirm } from "@/components/ui/confirm-dialog";

/**
 * Warns before unsaved changes are lost: the browser's own prompt when the page unloads (the only
 * one a page may show then), and a styled dialog before following a link inside the console.
 * Render the returned element.
 */
export function useUnsavedChangesWarning(dirty: boolean): ReactNode {
  const t = useTranslations("console.common.unsaved");
  const router = useRouter();
  const [confirm, dialog] = useConfirm();

  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    const click = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.("a[href]");
      if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
      const anchor = link as HTMLAnchorElement;
      if (anchor.target === "_blank" || (anchor.hash && anchor.pathname === window.location.pathname)) return;
      event.preventDefault();
      event.stopPropagation();
      void confirm({ title: t("title"), body: t("body"), confirmLabel: t("leave"), cancelLabel: t("stay") }).then(
        (leave) => {
          if (!leave) return;
          if (anchor.origin === window.location.origin) router.push(`${anchor.pathname}${anchor.search}${anchor.hash}`);
          else window.location.assign(anchor.href);
        },
      );
    };
    window.addEventListener("beforeunload", beforeUnload);
    document.addEventListener("click", click, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("click", click, true);
    };
  }, [dirty, confirm, router, t]);

  return dialog;
}
