import { z } from "zod";
import { twoFactorPolicySchema } from "../two-factor/policy";

/** PUT /api/v1/settings/two-factor */
export const twoFactorSettingsInput = z.object({ policy: twoFactorPolicySchema }).strict();
