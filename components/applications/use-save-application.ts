"use client";

import type { ApplicationView } from "@/lib/applications/service";
import { useSave } from "../console/use-save";

/** Saves part of an application; see useSave. */
export function useSaveApplication(id: string, loadedVersion: number) {
  return useSave<ApplicationView>(`/api/v1/applications/${id}`, loadedVersion);
}

/** What a form for one section of an application is given: the app, its version, the section's values. */
export type ApplicationSectionProps<Values> = { id: string; version: number; values: Values };
