import { parseArgs } from "node:util";
import type { Database } from "../db/client";
import type { Output } from "./output";
import { UsageError } from "./usage-error";

export type Command = (db: Database, args: string[], out: Output) => Promise<void>;

type OptionSpec = Record<string, { type: "string" | "boolean"; multiple?: boolean }>;
type Parsed = { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] };

export function options(args: string[], spec: OptionSpec): Parsed {
  try {
    return parseArgs({ args, options: { ...spec, json: { type: "boolean" } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0]);
  }
}

export function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new UsageError(`--${name} is required`);
  return value;
}
