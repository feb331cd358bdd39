import type { Db } from "../db/client";
import type { DirectSql } from "../db/direct-sql";
import { randomId } from "../ids";
import type { AuditInput } from "./events";

/** Fields that must never reach the audit log, whatever a caller passes. */
const secretFields = new Set(["password", "passwordHash", "hash", "clientSecret", "secret", "value"]);

function redact(fields: Record<string, unknown> | undefined): string | null {
  if (!fields) return null;
  return JSON.stringify(Object.fromEntries(Object.entries(fields).filter(([key]) => !secretFields.has(key))));
}

/**
 * Only what changed: the fields whose values differ, before and after. Unchanged fields are
 * left out so the log reads as a diff.
 */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const keys = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return {
    before: Object.fromEntries(keys.map((key) => [key, before[key]])),
    after: Object.fromEntries(keys.map((key) => [key, after[key]])),
  };
}

type Writer = Pick<Db, "auditEvent">;

/** The row an event is stored as. */
function auditRow(event: AuditInput) {
  return {
    id: randomId(),
    type: event.type,
    actorId: event.actor.id ?? null,
    actor: event.actor.label,
    applicationId: event.applicationId ?? null,
    userId: event.userId ?? null,
    before: redact(event.before),
    after: redact(event.after),
    ip: event.ip ?? null,
  };
}

/** Writes one audit event; pass the transaction's client so the event commits with the change. */
export async function recordAudit(db: Writer, event: AuditInput): Promise<void> {
  await db.auditEvent.create({ data: auditRow(event) });
}

/**
 * The same row as a prepared statement (lib/db/direct-sql.ts), for the events every sign-in
 * writes. `at` is given, not left to the column's default, so it is stored as Prisma stores it.
 */
export async function insertAudit(sql: DirectSql, event: AuditInput): Promise<void> {
  const row = auditRow(event);
  await sql.run(
    `INSERT INTO "AuditEvent" ("id", "at", "type", "actorId", "actor", "applicationId", "userId", "before", "after", "ip")
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      row.id,
      new Date(),
      row.type,
      row.actorId,
      row.actor,
      row.applicationId,
      row.userId,
      row.before,
      row.after,
      row.ip,
    ],
  );
}
