import { type ApiView, createApi, findApi, listApis } from "../apis/service";
import { cliActor } from "../audit/events";
import { type Command, options, required } from "./args";
import type { Output } from "./output";
import { UsageError } from "./usage-error";

/** `--permission "read:pages=Read your wiki pages"`: the name, then what users read. */
function permissionFlag(value: string) {
  const at = value.indexOf("=");
  return at < 0
    ? { name: value.trim(), description: "" }
    : { name: value.slice(0, at).trim(), description: value.slice(at + 1).trim() };
}

function printApi(out: Output, api: ApiView) {
  if (out.json) return out.write(`${JSON.stringify(api)}\n`);
  out.write(`${api.name}  ${api.indicator}  (id ${api.id}, tokens live ${api.accessTokenTtl} s)\n`);
  for (const p of api.permissions) out.write(`  ${p.name}${p.description ? `  ${p.description}` : ""}\n`);
}

export const apiCommands: Record<string, Command> = {
  "apis create": async (database, args, out) => {
    const { values } = options(args, {
      name: { type: "string" },
      indicator: { type: "string" },
      permission: { type: "string", multiple: true },
      "access-token-ttl": { type: "string" },
    });
    const ttl = values["access-token-ttl"];
    const input = {
      name: required(values, "name"),
      indicator: required(values, "indicator"),
      permissions: ((values.permission as string[] | undefined) ?? []).map(permissionFlag),
      ...(typeof ttl === "string" ? { accessTokenTtl: Number(ttl) } : {}),
    };
    printApi(out, await createApi(database.prisma, input, cliActor));
  },
  "apis list": async (database, args, out) => {
    options(args, {});
    const apis = await listApis(database.prisma);
    if (out.json) return out.write(`${JSON.stringify({ items: apis })}\n`);
    if (apis.length === 0) return out.write("No APIs\n");
    for (const api of apis) out.write(`${api.indicator}  ${api.name}  ${api.permissions.length} permissions\n`);
  },
  "apis show": async (database, args, out) => {
    const { positionals } = options(args, {});
    if (positionals.length !== 1) throw new UsageError("apis show takes one indicator or id");
    printApi(out, await findApi(database.prisma, positionals[0]));
  },
};
