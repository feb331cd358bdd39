"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useToast } from "@/components/ui/toast";
import { ApiError, callApi } from "./api";

/** A whole-request failure in the reader's language, by the problem's code. */
export function problemText(
  t: (key: "conflict" | "lastAdmin" | "duplicate" | "saveFailed") => string,
  error: ApiError,
) {
  if (error.problem.status !== 409) return t("saveFailed");
  if (error.problem.code === "last_admin") return t("lastAdmin");
  if (error.problem.code === "duplicate") return t("duplicate");
  return t("conflict");
}

export type SaveResult<T> = { saved: T } | { fieldErrors: Record<string, string[]> } | undefined;

/**
 * Saves part of a resource (PATCH) on the version the form was loaded from, so a save over
 * someone else's newer edit is refused (409) instead of silently overwriting it. Field errors
 * come back to the form; whole-request failures are toasts.
 */
export function useSave<T extends { version: number }>(path: string, loadedVersion: number) {
  const t = useTranslations("console.settings");
  const toast = useToast();
  const router = useRouter();
  const [version, setVersion] = useState(loadedVersion);

  return async function save(body: Record<string, unknown>): Promise<SaveResult<T>> {
    try {
      const saved = await callApi<T>(path, { method: "PATCH", body: { ...body, version } });
      setVersion(saved.version);
      toast.success(t("saved"));
      router.refresh();
      return { saved };
    } catch (error) {
      // 400: invalid fields; 409: a value another record holds (a username), named by field.
      if (error instanceof ApiError && [400, 409].includes(error.problem.status) && error.problem.errors) {
        return { fieldErrors: error.problem.errors };
      }
      toast.error(error instanceof ApiError ? problemText(t, error) : t("saveFailed"));
      return undefined;
    }
  };
}
