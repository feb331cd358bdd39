import { z } from "zod";

/** Algorithms Latchkey signs with: RS256 for ID tokens (OpenID Connect's default), ES256 for those that ask for it. */
export const signingAlgorithms = ["RS256", "ES256"] as const;
export type SigningAlgorithm = (typeof signingAlgorithms)[number];

/** A key rotation: which algorithm's key to replace (RS256 unless said otherwise). */
export const rotateKeySchema = z.object({
  alg: z.enum(signingAlgorithms, "invalid").default("RS256"),
});
export type RotateKeyInput = z.input<typeof rotateKeySchema>;
