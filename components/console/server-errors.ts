import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { ApiError } from "./api";

/**
 * Puts the server's field errors (400 with paths such as `redirectUris.2`, or a 409 naming the
 * field whose value is taken) beside their fields. Returns whether there were any, so the
 * caller shows a toast only for whole-request failures.
 */
export function applyServerErrors<T extends FieldValues>(setError: UseFormSetError<T>, error: ApiError): boolean {
  const fields = [400, 409].includes(error.problem.status) ? error.problem.errors : undefined;
  if (!fields || Object.keys(fields).length === 0) return false;
  for (const [path, messages] of Object.entries(fields)) {
    setError((path === "_" ? "root" : path) as Path<T>, { type: "server", message: messages[0] });
  }
  return true;
}
