import { z } from "zod";

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address").max(254, "At most 254 characters"));

export const password = z.string().min(8, "Use at least 8 characters").max(256, "At most 256 characters");

export const createUserSchema = z.object({
  email,
  password,
  name: z.string().trim().max(128, "At most 128 characters").default(""),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

/** The end-user sign-in form. Only presence is checked: any other detail would leak. */
export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email address").max(254),
  password: z.string().min(1, "Enter your password").max(256),
});
export type SignInInput = z.infer<typeof signInSchema>;
