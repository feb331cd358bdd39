"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useToast } from "@/components/ui/toast";
import type { ApplicationView } from "@/lib/applications/service";
import { ApiError, callApi } from "../console/api";

/**
 * Saves part of an application (PATCH) on the version the form was loaded from, so a save over
 * someone else's newer edit is refused (409) instead of silently overwriting it.
 */
export function useSaveApplication(id: string, loadedVersion: number) {
  const t = useTranslations("console.settings");
  const toast = useToast();
  const router = useRouter();
  const [version, setVersion] = useState(loadedVersion);

  /** The saved application, or the field errors (path → message) of a 400; other failures toast. */
  return async function save(
    body: Record<string, unknown>,
  ): Promise<{ saved: ApplicationView } | { fieldErrors: Record<string, string[]> } | undefined> {
    try {
      const saved = await callApi<ApplicationView>(`/api/v1/applications/${id}`, {
        method: "PATCH",
        body: { ...body, version },
      });
      setVersion(saved.version);
      toast.success(t("saved"));
      router.refresh();
      return { saved };
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 400 && error.problem.errors) {
        return { fieldErrors: error.problem.errors };
      }
      toast.error(error instanceof ApiError && error.problem.status === 409 ? t("conflict") : t("saveFailed"));
      return undefined;
    }
  };
}
