import { openApiDocument } from "@/lib/api/openapi";
import { runtime } from "@/lib/runtime";

/** The management API's OpenAPI 3.1 document (public: it describes, it grants nothing). */
export async function GET() {
  const rt = runtime();
  return Response.json(openApiDocument(rt.env.APP_URL, rt.env.ISSUER), { headers: { "cache-control": "no-cache" } });
}
