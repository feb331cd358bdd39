import { z } from "zod";
import { profileFields } from "./profile";
import { humanText } from "./text";
import { email, password } from "./user";

/** What a user may change of their own name at /account (the display name and its two parts). */
export const accountProfileSchema = z.object({
  name: humanText(128),
  givenName: profileFields.givenName,
  familyName: profileFields.familyName,
});

/** The current password typed to prove it is the account's owner (also for passkey changes). */
export const currentPassword = z
  .string({ error: "passwordRequired" })
  .min(1, "passwordRequired")
  .max(256, "tooLong256");

/** A new password at /account: the current one, then the new one twice (the recovery page's rules). */
export const accountPasswordSchema = z
  .object({ currentPassword, password, confirmPassword: z.string() })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "passwordMismatch",
  });

/** A new address at /account, with the current password (a session left open must not move the account). */
export const accountEmailSchema = z.object({ email, currentPassword });

/** The fields of each /account form, in the order their errors are shown. */
export const accountFormFields = {
  profile: ["name", "givenName", "familyName"],
  password: ["currentPassword", "password", "confirmPassword"],
  email: ["email", "currentPassword"],
} as const;
export type AccountForm = keyof typeof accountFormFields;
