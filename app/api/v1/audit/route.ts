import { adminRoute } from "@/lib/api/route";
import { auditQuerySchema, listAuditEvents } from "@/lib/audit/list";
import { runtime } from "@/lib/runtime";

/** GET /api/v1/audit?type=user.suspended&userId=...&from=2026-11-01&page=1 */
export const GET = adminRoute(async ({ req }) => {
  const query = auditQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await listAuditEvents(runtime().database.prisma, query));
});
