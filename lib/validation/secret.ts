import { z } from "zod";

/** How long a new client secret lives; `null` never expires. */
export const secretLifetimes = [7, 30, 90, 365] as const;

export const createSecretSchema = z.object({
  name: z.string().trim().min(1, "nameRequired").max(64, "tooLong64"),
  expiresInDays: z
    .union([z.literal(7), z.literal(30), z.literal(90), z.literal(365), z.null()], "secretLifetime")
    .default(null),
});
export type CreateSecretInput = z.input<typeof createSecretSchema>;
