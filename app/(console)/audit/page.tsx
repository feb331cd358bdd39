import { getTranslations } from "next-intl/server";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditList } from "@/components/audit/audit-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ListPagination } from "@/components/ui/pagination";
import { auditQuerySchema, listAuditEvents } from "@/lib/audit/list";
import { requireAdmin } from "@/lib/auth/console-session";
import { adminPageTitle } from "@/lib/console/page-title";
import { getDateFormat } from "@/lib/i18n/dates";
import { runtime } from "@/lib/runtime";

export const generateMetadata = adminPageTitle("console.audit");

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Who changed what and when, and the security events; filterable, newest first. */
export default async function AuditPage({ searchParams }: Props) {
  await requireAdmin();
  const raw = Object.fromEntries(
    Object.entries(await searchParams)
      .map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])
      .filter(([, value]) => value),
  ) as Record<string, string>;
  const parsed = auditQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : auditQuerySchema.parse({});
  const db = runtime().database.prisma;
  const result = await listAuditEvents(db, query);
  const t = await getTranslations("console.audit");
  const formatDate = await getDateFormat();
  const [apps, users] = await Promise.all([
    db.application.findMany({
      where: { id: { in: result.items.flatMap((e) => (e.applicationId ? [e.applicationId] : [])) } },
      select: { id: true, name: true },
    }),
    // The users an event is about, and the users who acted (consent is given by the user).
    db.user.findMany({
      where: { id: { in: result.items.flatMap((e) => [e.userId, e.actorId].filter((id): id is string => !!id)) } },
      select: { id: true, email: true, name: true },
    }),
  ]);
  const appNames = Object.fromEntries(apps.map((a) => [a.id, a.name]));
  const userEmails = Object.fromEntries(users.map((u) => [u.id, u.email]));
  const people = Object.fromEntries(users.map((u) => [u.id, u.name ? `${u.name} (${u.email})` : u.email]));
  // An actor is shown as the person it is (older consent events stored only the user's id as label).
  const actorOf = (event: { actorId: string | null; actor: string }) =>
    (event.actorId && people[event.actorId]) || event.actor;
  const hrefFor = (page: number) => `/audit?${new URLSearchParams({ ...raw, page: String(page) })}`;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      <AuditFilters values={raw} invalid={!parsed.success} />
      {result.items.length === 0 ? (
        <EmptyState title={t("empty")}>
          <p>{t("emptyBody")}</p>
        </EmptyState>
      ) : (
        <AuditList
          events={result.items.map((event) => ({
            id: event.id,
            at: formatDate(event.at, "dateTime"),
            type: event.type,
            actor: actorOf(event),
            application: event.applicationId
              ? { id: event.applicationId, name: appNames[event.applicationId] ?? event.applicationId }
              : undefined,
            user: event.userId ? { id: event.userId, email: userEmails[event.userId] ?? event.userId } : undefined,
            before: event.before,
            after: event.after,
            ip: event.ip,
          }))}
        />
      )}
      <ListPagination page={result.page} pageCount={result.pageCount} total={result.total} hrefFor={hrefFor} />
    </div>
  );
}
