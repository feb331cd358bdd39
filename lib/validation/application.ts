import { z } from "zod";
import { applicationTypes } from "../applications/types";
import { originList, uriList } from "./uri";

const name = z.string().trim().min(1, "nameRequired").max(128, "tooLong128");
const description = z.string().trim().max(500, "tooLong500");

const web = uriList({ allowCustomScheme: false });
const native = uriList({ allowCustomScheme: true });

/** What the create wizard, the CLI and the API accept to create an application. */
export const createApplicationSchema = z
  .object({
    type: z.enum(applicationTypes, "typeRequired"),
    name,
    description: description.default(""),
    redirectUris: z.array(z.string()).default([]),
    postLogoutRedirectUris: z.array(z.string()).default([]),
  })
  .superRefine((value, ctx) => {
    const list = value.type === "native" ? native : web;
    for (const field of ["redirectUris", "postLogoutRedirectUris"] as const) {
      if (value.type === "m2m" && value[field].length > 0) {
        ctx.addIssue({ code: "custom", path: [field], message: "m2mNoRedirects" });
        continue;
      }
      const result = list.safeParse(value[field]);
      for (const issue of result.error?.issues ?? []) {
        ctx.addIssue({ code: "custom", path: [field, ...issue.path], message: issue.message });
      }
    }
  });
export type CreateApplicationInput = z.input<typeof createApplicationSchema>;

/** What the settings form saves. The type never changes after creation. */
export function updateApplicationSchema(type: (typeof applicationTypes)[number]) {
  const list = type === "native" ? native : web;
  return z.object({
    name,
    description,
    redirectUris: type === "m2m" ? z.array(z.string()).max(0, "m2mNoRedirects") : list,
    postLogoutRedirectUris: type === "m2m" ? z.array(z.string()).max(0, "m2mNoRedirects") : list,
    corsOrigins: originList,
  });
}
export type UpdateApplicationInput = z.infer<ReturnType<typeof updateApplicationSchema>>;
