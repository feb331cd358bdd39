import type { ApiView } from "@/lib/apis/service";
import type { ChecklistOption } from "./checklist-form";

/** Every permission of every API as a checkbox: "Team Wiki: read:pages", its description under it. */
export function permissionOptions(apis: ApiView[]): ChecklistOption[] {
  return apis.flatMap((api) =>
    api.permissions.map((p) => ({
      value: `${api.indicator} ${p.name}`,
      label: `${api.name}: ${p.name}`,
      hint: p.description || undefined,
    })),
  );
}
