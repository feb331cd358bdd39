import { readFileSync } from "node:fs";
import { type SettingName, settingNames, settingSpec } from "../applications/settings";
import { UsageError } from "./usage-error";

/**
 * `apps create` and `apps update` take a flag for every declared setting
 * (lib/applications/settings.ts): text and lists as values (a list flag once per item; given
 * once as "" it empties the list), lifetimes in seconds or "default", switches as
 * `--flag` / `--no-flag`, and a JSON document (a key set) as the path of a file ("" clears it).
 */
type OptionSpec = Record<string, { type: "string" | "boolean"; multiple?: boolean }>;

const flags = settingNames.map((name) => ({ name, ...settingSpec(name).cli }));

export const settingOptions: OptionSpec = Object.fromEntries(
  flags.flatMap(({ flag, kind }): [string, OptionSpec[string]][] =>
    kind === "boolean"
      ? [
          [flag, { type: "boolean" }],
          [`no-${flag}`, { type: "boolean" }],
        ]
      : [[flag, { type: "string", multiple: kind === "list" }]],
  ),
);

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** The settings the flags given set, as the API takes them; a malformed value names its flag. */
export function settingsFromFlags(values: Values): Partial<Record<SettingName, unknown>> {
  const settings: Partial<Record<SettingName, unknown>> = {};
  for (const { name, flag, kind } of flags) {
    if (kind === "boolean") {
      if (values[flag] && values[`no-${flag}`])
        throw new UsageError(`--${flag} and --no-${flag} contradict each other`);
      if (values[flag]) settings[name] = true;
      if (values[`no-${flag}`]) settings[name] = false;
      continue;
    }
    const value = values[flag];
    if (value === undefined) continue;
    if (kind === "list") settings[name] = (value as string[]).filter((item) => item !== "");
    else if (kind === "text") settings[name] = value;
    else if (kind === "jsonFile") settings[name] = jsonFile(flag, value as string);
    else settings[name] = seconds(flag, value as string);
  }
  return settings;
}

/** The JSON document in the file at `path` ("" for none); an unreadable file names its flag. */
function jsonFile(flag: string, path: string): unknown {
  if (path === "") return null;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`--${flag}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`--${flag}: ${path} is not JSON`);
  }
}

function seconds(flag: string, value: string): number | null {
  if (value === "default") return null;
  if (!/^\d{1,9}$/.test(value)) throw new UsageError(`--${flag} must be a whole number of seconds, or "default"`);
  return Number(value);
}

/** The flag that sets a field an error names (`corsOrigins.1` → `--cors-origin`), if there is one. */
export function flagFor(path: string): string | undefined {
  const [field] = path.split(".");
  if (field === "type") return "--type";
  const found = flags.find((entry) => entry.name === field);
  return found && `--${found.flag}`;
}

/** The usage lines for the setting flags. */
export function settingsUsage(indent: string): string {
  const shown = flags
    .filter(({ flag }) => flag !== "name")
    .map(({ flag, kind }) =>
      kind === "boolean"
        ? `[--${flag} | --no-${flag}]`
        : kind === "list"
          ? `[--${flag} V ...]`
          : kind === "seconds"
            ? `[--${flag} SECONDS|default]`
            : kind === "jsonFile"
              ? `[--${flag} PATH]`
              : `[--${flag} V]`,
    );
  const lines: string[] = [];
  for (const item of shown) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + item.length < 72) lines[lines.length - 1] = `${last} ${item}`;
    else lines.push(item);
  }
  return lines.map((line) => `${indent}${line}`).join("\n");
}
