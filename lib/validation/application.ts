import { z } from "zod";
import { type applicationSettings, settingApplies, settingNames, settingSpec } from "../applications/settings";
import { type ApplicationType, applicationTypes } from "../applications/types";

export { tokenAuthMethods, tokenLimits } from "./application-rules";

/** The shape every type accepts: a setting that does not apply to the type is refused by name. */
function settingsShape(type: ApplicationType) {
  return Object.fromEntries(
    settingNames.map((name) => {
      const spec = settingSpec(name);
      if (!settingApplies(name, type)) return [name, z.never(spec.refusal ?? "thirdPartyOnly")];
      return [name, typeof spec.input === "function" ? spec.input(type) : spec.input];
    }),
  ) as Record<(typeof settingNames)[number], z.ZodType>;
}

/**
 * What the console and the API may change (lib/applications/settings.ts declares each setting).
 * Every field is optional (PATCH): only those sent change. The type never changes after creation.
 */
export function updateApplicationSchema(type: ApplicationType) {
  return z.object(settingsShape(type)).partial() as z.ZodObject<UpdateShape>;
}

type UpdateShape = {
  [K in keyof typeof applicationSettings]: z.ZodOptional<z.ZodType<(typeof applicationSettings)[K]["default"]>>;
};
export type UpdateApplicationInput = z.infer<z.ZodObject<UpdateShape>>;

const createVariant = (type: ApplicationType) =>
  updateApplicationSchema(type)
    .required({ name: true })
    .extend({ type: z.literal(type) });
type CreateVariant = z.ZodObject<
  Omit<UpdateShape, "name"> & { name: z.ZodType<string>; type: z.ZodLiteral<ApplicationType> }
>;

/**
 * What the create wizard, the CLI and the API accept to create an application: its type, a name,
 * and any other setting its type takes (the rest start at their defaults). This is the shape the
 * OpenAPI document shows; createApplicationSchema parses with it.
 */
export const createApplicationBody = z.discriminatedUnion(
  "type",
  applicationTypes.map(createVariant) as unknown as [CreateVariant, ...CreateVariant[]],
  "typeRequired",
);
export type CreateApplicationInput = z.input<typeof createApplicationBody>;

/**
 * Without a valid type, the rules that do not depend on it (a name, a description...) are still
 * checked, and the rest only for their shape, so one answer names every field it can.
 */
const typelessRules = z
  .object(
    Object.fromEntries(
      settingNames.map((name) => {
        const spec = settingSpec(name);
        const typeless = typeof spec.input !== "function" && spec.appliesTo.length === applicationTypes.length;
        return [name, typeless ? (spec.input as z.ZodType) : spec.view];
      }),
    ),
  )
  .partial()
  .required({ name: true });

/** createApplicationBody, naming every invalid field in one answer even when the type is missing or unknown. */
export const createApplicationSchema = z.looseObject({}).transform((input, ctx) => {
  const parsed = createApplicationBody.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = [...parsed.error.issues];
  if (issues.some((issue) => issue.path.join(".") === "type")) {
    const { type: _type, ...rest } = input;
    issues.push(...(typelessRules.safeParse(rest).error?.issues ?? []));
  }
  for (const issue of issues) ctx.addIssue({ ...issue, code: "custom" } as Parameters<typeof ctx.addIssue>[0]);
  return z.NEVER;
});
