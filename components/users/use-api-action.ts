"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useToast } from "@/components/ui/toast";

/**
 * Runs one console API call behind a button: busy while it runs, a toast saying how it went, and
 * the page's server data refreshed after a success.
 */
export function useApiAction() {
  const ts = useTranslations("console.settings");
  const toast = useToast();
  const router = useRouter();
  const [busy, setBusy] = useState(false);

  async function run(call: () => Promise<unknown>, success: string) {
    setBusy(true);
    try {
      await call();
      toast.success(success);
      router.refresh();
    } catch {
      toast.error(ts("saveFailed"));
    } finally {
      setBusy(false);
    }
  }

  return { busy, run };
}
