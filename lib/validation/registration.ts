import { z } from "zod";
import { humanText } from "./text";
import { email, password } from "./user";

/** The sign-up page: an address, a name, and a password typed twice (the recovery page's rules). */
export const registrationSchema = z
  .object({
    email,
    name: humanText(128).min(1, "nameRequired"),
    password,
    confirmPassword: z.string(),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "passwordMismatch",
  });

/** The console's self-registration setting. */
export const selfRegistrationInput = z.object({ enabled: z.boolean("booleanRequired") });
