import { adminRoute } from "@/lib/api/route";
import { exportApplications } from "@/lib/applications/transfer";
import { runtime } from "@/lib/runtime";

/** GET: every application as JSON, to recreate an environment (no secrets). */
export const GET = adminRoute(async () => {
  const file = await exportApplications(runtime().database.prisma);
  return Response.json(file, {
    headers: {
      "content-disposition": 'attachment; filename="latchkey-applications.json"',
      "cache-control": "no-store",
    },
  });
});
