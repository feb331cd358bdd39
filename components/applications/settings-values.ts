import type { FieldErrors, ResolverResult } from "react-hook-form";
import { settingApplies } from "@/lib/applications/settings";
import type { ApplicationType } from "@/lib/applications/types";
import { updateApplicationSchema } from "@/lib/validation/application";

/** The settings form's values: URI lists as rows of objects, as react-hook-form's arrays want. */
export type SettingsValues = {
  name: string;
  description: string;
  redirectUris: { value: string }[];
  postLogoutRedirectUris: { value: string }[];
  corsOrigins: { value: string }[];
  backchannelLogoutUri: string;
  backchannelLogoutSessionRequired: boolean;
};
export type UriListName = "redirectUris" | "postLogoutRedirectUris" | "corsOrigins";
export const uriListNames: UriListName[] = ["redirectUris", "postLogoutRedirectUris", "corsOrigins"];

export type SettingsSource = {
  type: ApplicationType;
  name: string;
  description: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  corsOrigins: string[];
  backchannelLogoutUri: string;
  backchannelLogoutSessionRequired: boolean;
};

/** Whether the form shows the back-channel logout settings (web apps with a server of their own). */
export const hasBackchannelLogout = (type: ApplicationType) => settingApplies("backchannelLogoutUri", type);

export function toValues(app: SettingsSource): SettingsValues {
  const rows = (list: string[]) => list.map((value) => ({ value }));
  return {
    name: app.name,
    description: app.description,
    redirectUris: rows(app.redirectUris),
    postLogoutRedirectUris: rows(app.postLogoutRedirectUris),
    corsOrigins: rows(app.corsOrigins),
    backchannelLogoutUri: app.backchannelLogoutUri,
    backchannelLogoutSessionRequired: app.backchannelLogoutSessionRequired,
  };
}

/**
 * The body the API takes: empty rows are dropped (an "Add another URI" left blank is no URI).
 * `rowIndex` maps a position in the sent list back to the row on screen, for error placement.
 */
export function toBody(values: SettingsValues, type: ApplicationType) {
  const rowIndex = {} as Record<UriListName, number[]>;
  const lists = {} as Record<UriListName, string[]>;
  for (const name of uriListNames) {
    rowIndex[name] = [];
    lists[name] = [];
    values[name].forEach((row, index) => {
      if (row.value.trim() === "") return;
      rowIndex[name].push(index);
      lists[name].push(row.value);
    });
  }
  const logout = hasBackchannelLogout(type)
    ? {
        backchannelLogoutUri: values.backchannelLogoutUri.trim(),
        backchannelLogoutSessionRequired: values.backchannelLogoutSessionRequired,
      }
    : {};
  return { body: { name: values.name, description: values.description, ...lists, ...logout }, rowIndex };
}

/** Turns an error path of the API or the schema (`redirectUris.1`) into the form's (`redirectUris.3.value`). */
export function formPath(path: string, rowIndex: Record<UriListName, number[]>): string {
  const [head, index, ...rest] = path.split(".");
  if (!uriListNames.includes(head as UriListName)) return path;
  if (index === undefined || rest.length > 0) return `${head}.root`;
  return `${head}.${rowIndex[head as UriListName][Number(index)] ?? index}.value`;
}

/** Validates with the same zod schema as the server, reporting errors on the rows on screen. */
export function settingsResolver(type: ApplicationType) {
  const schema = updateApplicationSchema(type);
  return async (values: SettingsValues): Promise<ResolverResult<SettingsValues>> => {
    const { body, rowIndex } = toBody(values, type);
    const result = schema.safeParse(body);
    if (result.success) return { values, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const issue of result.error.issues) {
      const path = formPath(issue.path.map(String).join("."), rowIndex).split(".");
      const last = path.pop() ?? "root";
      let node = errors;
      for (const part of path) {
        node[part] ??= {};
        node = node[part] as Record<string, unknown>;
      }
      node[last] ??= { type: issue.code, message: issue.message };
    }
    return { values: {}, errors: errors as FieldErrors<SettingsValues> };
  };
}
