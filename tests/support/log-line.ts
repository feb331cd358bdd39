import { createLogger } from "../../lib/server/log";

/** What the logger writes for `error`, as every error path writes it (`{ error }` under a message). */
export function logged(error: unknown): { line: string; entry: { error: Record<string, string> } } {
  let line = "";
  const log = createLogger("info", (chunk) => (line += chunk));
  log.error("request failed", { error, path: "/api/v1/users/u1" });
  return { line, entry: JSON.parse(line) };
}
