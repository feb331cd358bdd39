import { z } from "zod";
import { ACCOUNT_CLIENT_ID, CONSOLE_CLIENT_ID } from "../console/client-id";

const reserved = new Set([CONSOLE_CLIENT_ID, ACCOUNT_CLIENT_ID]);

/**
 * The built-in clients' IDs (and their case variants, which would only confuse a reader of the
 * list) can never name an application: a row under one would be shadowed by the built-in client,
 * and deleting it would end the console's own sessions.
 */
export function isReservedClientId(clientId: string): boolean {
  return reserved.has(clientId.toLowerCase());
}

/** A client ID chosen by someone (an import file): the characters OAuth allows, and not a built-in one. */
export const clientIdSchema = z
  .string("clientIdInvalid")
  .regex(/^[A-Za-z0-9._~-]{1,128}$/, "clientIdInvalid")
  .refine((clientId) => !isReservedClientId(clientId), "clientIdReserved");

/** A client ID that names an app in a request (revoking a grant): the built-in clients are never such an app. */
export const clientIdParamSchema = z.object({ clientId: clientIdSchema });
