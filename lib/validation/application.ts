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

/**
 * What the create wizard, the CLI and the API accept to create an application: its type, a name,
 * and any other setting its type takes (the rest start at their defaults).
 */
export const createApplicationSchema = z.discriminatedUnion(
  "type",
  applicationTypes.map((type) =>
    updateApplicationSchema(type)
      .required({ name: true })
      .extend({ type: z.literal(type) }),
  ) as unknown as [CreateVariant, ...CreateVariant[]],
  "typeRequired",
);
type CreateVariant = z.ZodObject<
  Omit<UpdateShape, "name"> & { name: z.ZodType<string>; type: z.ZodLiteral<ApplicationType> }
>;
export type CreateApplicationInput = z.input<typeof createApplicationSchema>;
