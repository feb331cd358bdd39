import {
  type ApplicationSettings,
  type SettingName,
  type SettingsGroup,
  settingApplies,
  settingNames,
  settingSpec,
} from "./settings";
import type { ApplicationType } from "./types";

/**
 * Between the Application row and the declared settings (lib/applications/settings.ts): lists
 * are JSON text in the row, everything else is stored as shown.
 */
type Row = Record<string, unknown> & { type: string };

function parseList(json: unknown): string[] {
  const value: unknown = typeof json === "string" ? JSON.parse(json) : [];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** A JSON document column (a key set): null when empty or unreadable. */
function parseDocument(json: unknown): unknown {
  if (typeof json !== "string" || json === "") return null;
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

const decoders = { plain: (value: unknown) => value, json: parseList, document: parseDocument };

/** The settings of an Application row, as the API shows them. */
export function readSettings(row: Row): ApplicationSettings {
  const type = row.type as ApplicationType;
  const entries = settingNames.map((name) => {
    const spec = settingSpec(name);
    const stored = decoders[spec.stored](row[name]);
    return [name, spec.read ? spec.read(stored, type) : stored];
  });
  return Object.fromEntries(entries) as ApplicationSettings;
}

/** The Application row's columns for the settings: lists and documents are JSON text. */
type Columns = {
  [K in SettingName]: ApplicationSettings[K] extends string[]
    ? string
    : ApplicationSettings[K] extends object | null
      ? string | null
      : ApplicationSettings[K];
};

/** Stores a value as its column holds it. */
function encode(name: SettingName, value: unknown): unknown {
  const stored = settingSpec(name).stored;
  if (stored === "json") return JSON.stringify(value);
  if (stored === "document") return value === null ? null : JSON.stringify(value);
  return value;
}

/** Validated settings as the Application row stores them: lists as JSON text, absent fields absent. */
export function settingsColumns(data: Partial<ApplicationSettings>): Partial<Columns> {
  return Object.fromEntries(
    Object.entries(data)
      .filter(([name, value]) => value !== undefined && settingNames.includes(name as SettingName))
      .map(([name, value]) => [name, encode(name as SettingName, value)]),
  );
}

/** The settings a new application starts with (the columns' defaults). */
export const defaultSettings = Object.fromEntries(
  settingNames.map((name) => [name, settingSpec(name).default]),
) as ApplicationSettings;

/** The settings of one group of the client record: "tokens", "branding"... */
export function settingsGroup<G extends "tokens" | "branding">(settings: ApplicationSettings, group: G) {
  const names = settingNames.filter((name) => {
    const client = settingSpec(name).client;
    return client !== "console" && client.record === group;
  });
  return Object.fromEntries(names.map((name) => [name, settings[name]])) as SettingsGroup<G>;
}

/** The names of the settings an export carries for an app of this type. */
export function exportedSettingNames(type: ApplicationType): SettingName[] {
  return settingNames.filter((name) => settingSpec(name).exported && settingApplies(name, type));
}
