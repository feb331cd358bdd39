import { z } from "zod";
import { profileFields } from "./profile";
import { humanText } from "./text";
import { urlCharacterProblem } from "./uri";

export const email = z.string().trim().toLowerCase().pipe(z.email("emailInvalid").max(254, "tooLong254"));

export const password = z.string().min(8, "passwordTooShort").max(256, "tooLong256");

export const createUserSchema = z.object({
  email,
  password,
  name: humanText(128).default(""),
  username: profileFields.username.default(""),
  givenName: profileFields.givenName.default(""),
  familyName: profileFields.familyName.default(""),
  locale: profileFields.locale.default(""),
  zoneinfo: profileFields.zoneinfo.default(""),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

/** The end-user sign-in form. Only presence is checked: any other detail would leak. */
export const signInSchema = z.object({
  // No email holds a control character; refusing them here keeps a NUL away from PostgreSQL (a 500).
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "emailRequired")
    .max(254, "tooLong254")
    .regex(/^\P{Cc}*$/u, "emailInvalid"),
  password: z.string().min(1, "passwordRequired").max(256, "tooLong256"),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** The "create the first admin" form. */
export const firstAdminSchema = z
  .object({
    name: humanText(128).min(1, "nameRequired"),
    email,
    password,
    confirmPassword: z.string(),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "passwordMismatch",
  });
export type FirstAdminInput = z.input<typeof firstAdminSchema>;

const phone = z
  .string()
  .trim()
  .max(32, "tooLong32")
  .regex(/^$|^\+?[0-9 ()-]{4,32}$/, "phoneInvalid");
const picture = z
  .string()
  .trim()
  .max(2048, "tooLong2048")
  .regex(/^$|^https:\/\//, "urlWebOnly")
  .superRefine((value, ctx) => {
    const problem = urlCharacterProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** What an admin may change of a user. Every field optional (PATCH); `version` guards against lost updates. */
export const updateUserSchema = z
  .object({
    name: humanText(128),
    ...profileFields,
    email,
    emailVerified: z.boolean("booleanRequired"),
    phone,
    picture,
    role: z.enum(["user", "admin"], "roleUnknown"),
  })
  .partial();
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

/** An admin setting a user's password. */
export const setPasswordSchema = z.object({ password });

/** What an admin fills in to create a user from the console or the API. */
export const adminCreateUserSchema = createUserSchema.extend({
  role: z.enum(["user", "admin"], "roleUnknown").default("user"),
  emailVerified: z.boolean("booleanRequired").default(false),
});

/** Suspending or reactivating a user. */
export const userStatusSchema = z.object({ status: z.enum(["active", "suspended"], "statusUnknown") });

/** An admin inviting someone by email: they choose their own password from the link. */
export const inviteUserSchema = z.object({
  email,
  name: humanText(128).default(""),
  role: z.enum(["user", "admin"], "roleUnknown").default("user"),
});
