import { z } from "zod";
import { currentPassword } from "./account";
import { humanText } from "./text";

/**
 * A passkey's name, as the user reads it on /account and in the password-changed email. No web
 * address: mail programs make one a link in the email's plain text, inside a security notice.
 */
export const passkeyName = humanText(64).pipe(
  z
    .string()
    .min(1, "nameRequired")
    .refine((name) => !/:\/\/|\bwww\./i.test(name), "noLinks"),
);

const base64url = z
  .string()
  .regex(/^[A-Za-z0-9_-]*$/, "base64url")
  .max(16_384);

/** The browser's answer to navigator.credentials.create (as @simplewebauthn/browser sends it). */
const registrationResponse = z.object({
  id: base64url.min(1),
  rawId: base64url.min(1),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: base64url.min(1),
    attestationObject: base64url.min(1),
    transports: z.array(z.string().max(32)).max(10).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
});

/** POST /api/account/passkeys: a new passkey, with the name the user gave it. */
export const createPasskeySchema = z.object({ name: passkeyName, response: registrationResponse });

/** PATCH /api/account/passkeys/:id: a new name. */
export const renamePasskeySchema = z.object({ name: passkeyName });

/**
 * Adding (POST /api/account/passkeys/options) or removing (POST /api/account/passkeys/:id/remove)
 * a passkey: the current password, so a session left open is not enough.
 */
export const passkeyProofSchema = z.object({ currentPassword });
