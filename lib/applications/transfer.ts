import { z } from "zod";
import { accessImportShape, exportAccess, importAccess } from "../apis/transfer";
import type { Actor } from "../audit/events";
import { changedFields, recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { randomId } from "../ids";
import { updateApplicationSchema } from "../validation/application";
import { clientIdSchema } from "../validation/client-id";
import { assertClientKeys } from "../validation/jwks";
import { type ApplicationView, toView } from "./service";
import { type ApplicationSettings, settingNames, settingSpec } from "./settings";
import { exportedSettingNames, settingsColumns } from "./settings-rows";
import { type ApplicationType, applicationTypes, hasClientSecret } from "./types";

/** Everything an environment needs to recreate an app, and nothing secret. */
type Exported = { clientId: string; type: ApplicationType } & Partial<ApplicationSettings>;

/** The exported settings that mean something for the app's type (the import refuses the others). */
export function exported(app: ApplicationView): Exported {
  const settings = exportedSettingNames(app.type).map((name) => [name, app[name]]);
  return { clientId: app.clientId, type: app.type, ...Object.fromEntries(settings) };
}

const exportedNames = new Set(settingNames.filter((name) => settingSpec(name).exported) as string[]);

export type ApplicationsExport = {
  format: "latchkey.applications";
  version: 1;
  exportedAt: string;
  applications: Exported[];
} & Awaited<ReturnType<typeof exportAccess>>;

export async function exportApplications(db: Db): Promise<ApplicationsExport> {
  const rows = await db.application.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return {
    format: "latchkey.applications",
    version: 1,
    exportedAt: new Date().toISOString(),
    applications: rows.map((row) => exported(toView(row))),
    ...(await exportAccess(db)),
  };
}

/** An export file; each application is checked with the same schemas as the console's forms. */
export const importSchema = z.object({
  format: z.literal("latchkey.applications", "importFormat"),
  version: z.literal(1, "importFormat"),
  applications: z
    .array(
      z
        .looseObject({
          clientId: clientIdSchema,
          type: z.enum(applicationTypes, "typeRequired"),
          name: z.string(),
        })
        .transform((value, ctx) => {
          const { clientId, type, ...fields } = value;
          const settings = updateApplicationSchema(type).safeParse(
            Object.fromEntries(Object.entries(fields).filter(([key]) => exportedNames.has(key))),
          );
          for (const issue of settings.error?.issues ?? [])
            ctx.addIssue({ ...issue, code: "custom", path: issue.path });
          return { clientId, type, settings: settings.data ?? {} };
        }),
    )
    .max(10_000, "tooManyApps")
    .refine((apps) => new Set(apps.map((app) => app.clientId)).size === apps.length, "clientIdRepeated"),
  ...accessImportShape,
});

export type ImportResult = { created: string[]; updated: string[]; unchanged: string[]; withoutSecret: string[] };

/**
 * Recreates applications from an export, keyed by client ID: missing ones are created, existing
 * ones updated to match, identical ones left alone, so importing the same file twice changes
 * nothing the second time. All or nothing (one transaction). Secrets are never in an export:
 * confidential apps created here have none until an admin adds one (listed in `withoutSecret`).
 */
export async function importApplications(db: Db, input: unknown, actor: Actor): Promise<ImportResult> {
  const file = importSchema.parse(input);
  const result: ImportResult = { created: [], updated: [], unchanged: [], withoutSecret: [] };
  await db.$transaction(
    async (tx) => {
      for (const [index, item] of file.applications.entries()) {
        const data = settingsColumns(item.settings);
        const path = ["applications", index];
        const existing = await tx.application.findUnique({ where: { clientId: item.clientId } });
        if (!existing) {
          const created = await tx.application.create({
            data: {
              id: randomId(),
              clientId: item.clientId,
              type: item.type,
              ...data,
              name: item.settings.name ?? item.clientId,
            },
          });
          assertClientKeys(toView(created), path);
          await recordAudit(tx, {
            type: "app.created",
            actor,
            applicationId: created.id,
            after: exported(toView(created)),
          });
          result.created.push(item.clientId);
          if (hasClientSecret(item.type as ApplicationType)) result.withoutSecret.push(item.clientId);
          continue;
        }
        if (existing.type !== item.type) {
          throw new z.ZodError([
            {
              code: "custom",
              path: [...path, "type"],
              message: "importTypeChanged",
              input: item.type,
            },
          ]);
        }
        const before = exported(toView(existing));
        const next = { ...before, ...item.settings };
        const diff = changedFields(before, next);
        if (Object.keys(diff.after).length === 0) {
          result.unchanged.push(item.clientId);
          continue;
        }
        const updated = await tx.application.update({
          where: { id: existing.id },
          data: { ...data, version: { increment: 1 } },
        });
        assertClientKeys(toView(updated), path);
        await recordAudit(tx, { type: "app.updated", actor, applicationId: existing.id, ...diff });
        result.updated.push(item.clientId);
        if (
          hasClientSecret(item.type as ApplicationType) &&
          (await tx.clientSecret.count({ where: { applicationId: existing.id } })) === 0
        ) {
          result.withoutSecret.push(item.clientId);
        }
      }
      await importAccess(tx, file, actor);
    },
    { timeout: 60_000 },
  );
  return result;
}
