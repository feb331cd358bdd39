import { z } from "zod";
import { humanText } from "./text";

/** How long a new client secret lives; `null` never expires. */
export const secretLifetimes = [7, 30, 90, 365] as const;

export const createSecretSchema = z.object({
  name: humanText(64).min(1, "nameRequired"),
  expiresInDays: z
    .union([z.literal(7), z.literal(30), z.literal(90), z.literal(365), z.null()], "secretLifetime")
    .default(null),
});
export type CreateSecretInput = z.input<typeof createSecretSchema>;
