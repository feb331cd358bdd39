import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

export type DatabaseKind = "sqlite" | "postgresql";

export function databaseKind(url: string): DatabaseKind {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}

/** Resolves a SQLite URL (`file:./data/x.db`, a bare path) to an absolute file path, creating its folder. */
export function sqliteFile(url: string): string {
  const path = url.replace(/^file:/, "").replace(/\?.*$/, "");
  if (path === ":memory:") return path;
  const absolute = resolve(path);
  mkdirSync(dirname(absolute), { recursive: true });
  return absolute;
}
