import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { PageHeader } from "@/components/ui/page-header";
import { openApiDocument } from "@/lib/api/openapi";
import { requireAdmin } from "@/lib/auth/console-session";
import { adminPageTitle } from "@/lib/console/page-title";
import { runtime } from "@/lib/runtime";

export const generateMetadata = adminPageTitle("console.apiDocs");

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  items?: Schema;
  $ref?: string;
  description?: string;
};
type Op = {
  operationId: string;
  summary: string;
  tags: string[];
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { content: { "application/json": { schema: Schema } } };
  responses: Record<string, unknown>;
};

const methodTone = { get: "success", post: "brand", patch: "warning", put: "warning", delete: "danger" } as const;

function typeOf(schema: Schema): string {
  if (schema.$ref) return schema.$ref.split("/").pop() ?? "object";
  if (schema.enum) return schema.enum.map(String).join(" | ");
  if (schema.type === "array") return `${typeOf(schema.items ?? {})}[]`;
  return Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
}

/** The management API, rendered from its own OpenAPI document (the one /api/v1/openapi.json serves). */
export default async function ApiDocsPage() {
  await requireAdmin();
  const rt = runtime();
  const doc = openApiDocument(rt.env.APP_URL, rt.env.ISSUER);
  const t = await getTranslations("console.apiDocs");
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Op>).map(([method, op]) => ({
      path,
      method: method as keyof typeof methodTone,
      op,
    })),
  );
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      <Card title={t("start")} help="api">
        <div className="flex flex-col gap-4">
          <CopyField label={t("document")} value={`${rt.env.APP_URL}/api/v1/openapi.json`} />
          <CopyField label={t("baseUrl")} value={doc.servers[0].url} />
          <CopyField label={t("tokenUrl")} value={`${rt.env.ISSUER}/token`} />
          <p className="text-sm text-slate-600">
            {t.rich("auth", {
              resource: `${rt.env.APP_URL}/api`,
              token: t("tokenPlaceholder"),
              code: (chunks) => <code className="font-mono wrap-anywhere text-xs text-slate-800">{chunks}</code>,
            })}
          </p>
        </div>
      </Card>
      {doc.tags.map(({ name }) => (
        <section key={name} aria-labelledby={`tag-${name}`} className="flex flex-col gap-3">
          <h2 id={`tag-${name}`} className="text-lg font-semibold text-slate-900">
            {t(`tags.${name}` as "tags.Applications")}
          </h2>
          <ul className="flex flex-col gap-3">
            {ops
              .filter(({ op }) => op.tags.includes(name))
              .map(({ path, method, op }) => {
                const body = op.requestBody?.content["application/json"].schema;
                return (
                  <li
                    key={op.operationId}
                    id={op.operationId}
                    className="rounded-xl border border-slate-200 bg-white p-4"
                  >
                    <div className="flex flex-wrap items-center gap-2">
                      <Badge tone={methodTone[method]}>{method.toUpperCase()}</Badge>
                      <code className="break-all font-mono text-sm text-slate-900">{path}</code>
                      <span className="text-sm text-slate-600">{t(`ops.${op.operationId}` as "ops.getUser")}</span>
                    </div>
                    {body?.properties && (
                      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs">
                        {Object.entries(body.properties).map(([field, schema]) => (
                          <div key={field} className="contents">
                            <dt className="font-mono text-slate-800">
                              {field}
                              {body.required?.includes(field) ? " *" : ""}
                            </dt>
                            <dd className="break-all text-slate-600">{typeOf(schema)}</dd>
                          </div>
                        ))}
                      </dl>
                    )}
                    <p className="mt-2 text-xs text-slate-500">
                      {t("responses", { codes: Object.keys(op.responses).join(", ") })} · <code>{op.operationId}</code>
                    </p>
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
    </div>
  );
}
