import { z } from "zod";
import type { Db } from "../db/client";
import { queryWholeNumber } from "../validation/numbers";
import { auditEventTypes } from "./events";

/**
 * A date filter within years 1–9999: JavaScript dates reach 271,821 BC, PostgreSQL's timestamps
 * only 4713 BC, and a date it cannot hold is a database error (a 500) instead of a 400.
 */
const auditDate = z.coerce
  .date("dateInvalid")
  .min(new Date("0001-01-01T00:00:00Z"), "dateInvalid")
  .max(new Date("9999-12-31T23:59:59.999Z"), "dateInvalid");

/** Filters of the audit log, as the page's query string and the API take them. */
export const auditQuerySchema = z.object({
  type: z.enum(auditEventTypes, "eventTypeUnknown").optional(),
  // IDs never hold a control character, and PostgreSQL refuses NUL in a query (a 500 for the console's page).
  applicationId: z
    .string()
    .max(64)
    .regex(/^\P{Cc}*$/u, "invalid")
    .optional(),
  userId: z
    .string()
    .max(64)
    .regex(/^\P{Cc}*$/u, "invalid")
    .optional(),
  from: auditDate.optional(),
  to: auditDate.optional(),
  page: queryWholeNumber.default(1),
  pageSize: queryWholeNumber.pipe(z.number().max(200, "pageSizeTooLarge200")).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export type AuditEventView = {
  id: string;
  at: Date;
  type: string;
  actorId: string | null;
  actor: string;
  applicationId: string | null;
  userId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
};

/** One page of the audit log, newest first. */
export async function listAuditEvents(db: Db, query: AuditQuery) {
  const where = {
    ...(query.type ? { type: query.type } : {}),
    ...(query.applicationId ? { applicationId: query.applicationId } : {}),
    ...(query.userId ? { userId: query.userId } : {}),
    ...(query.from || query.to
      ? { at: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) } }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  const items: AuditEventView[] = rows.map((row) => ({
    ...row,
    before: row.before ? JSON.parse(row.before) : null,
    after: row.after ? JSON.parse(row.after) : null,
  }));
  return { items, total, page: query.page, pageCount: Math.max(1, Math.ceil(total / query.pageSize)) };
}

/** Successful sign-ins to an app per day (UTC) for the last `days` days, oldest first. */
export async function signInsPerDay(
  db: Db,
  applicationId: string,
  days = 30,
): Promise<{ day: string; count: number }[]> {
  const dayMs = 24 * 60 * 60 * 1000;
  const today = Math.floor(Date.now() / dayMs);
  const since = new Date((today - days + 1) * dayMs);
  const rows = await db.auditEvent.findMany({
    where: { type: "sign_in.succeeded", applicationId, at: { gte: since } },
    select: { at: true },
  });
  const counts = new Map<number, number>();
  for (const { at } of rows) {
    const day = Math.floor(at.getTime() / dayMs);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return Array.from({ length: days }, (_, i) => {
    const day = today - days + 1 + i;
    return { day: new Date(day * dayMs).toISOString().slice(0, 10), count: counts.get(day) ?? 0 };
  });
}
