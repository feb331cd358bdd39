import { z } from "zod";
import { email } from "./user";

/** "Send test email": where to. */
export const mailTestSchema = z.object({ to: email });
