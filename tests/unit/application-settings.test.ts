import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Provider, { type ClientMetadata } from "oidc-provider";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../lib/api/openapi";
import { applicationSchema } from "../../lib/api/schemas";
import { type ApplicationView, toView } from "../../lib/applications/service";
import {
  type ApplicationSettings,
  type SettingName,
  settingApplies,
  settingNames,
  settingSpec,
} from "../../lib/applications/settings";
import { defaultSettings, exportedSettingNames, settingsColumns } from "../../lib/applications/settings-rows";
import { exported, importSchema } from "../../lib/applications/transfer";
import { type ApplicationType, applicationTypes } from "../../lib/applications/types";
import { flagFor, settingOptions, settingsFromFlags } from "../../lib/cli/app-flags";
import { toMetadata } from "../../lib/oidc/client-store";
import { supportedScopes } from "../../lib/oidc/scopes";
import { createApplicationSchema, updateApplicationSchema } from "../../lib/validation/application";

/** A valid value other than the default for every setting that applies to the type. */
function example(name: SettingName, type: ApplicationType): unknown {
  if (!settingApplies(name, type)) return settingSpec(name).default;
  // The two values that depend on the type: an m2m app has no redirects, and may only be allowed "management".
  if (type === "m2m" && (name === "redirectUris" || name === "postLogoutRedirectUris")) return [];
  if (type === "m2m" && name === "allowedScopes") return ["management"];
  return settingSpec(name).example;
}

function exampleSettings(type: ApplicationType): ApplicationSettings {
  return Object.fromEntries(settingNames.map((name) => [name, example(name, type)])) as ApplicationSettings;
}

/** An Application row as Prisma returns it, holding the example settings. */
function exampleRow(type: ApplicationType) {
  const at = new Date("2026-11-30T12:00:00Z");
  return {
    id: `app-${type}`,
    clientId: `client-${type}`,
    type,
    ...(settingsColumns(exampleSettings(type)) as Record<string, unknown>),
    version: 3,
    createdAt: at,
    updatedAt: at,
  } as unknown as Parameters<typeof toView>[0];
}

/** The Application model's columns in prisma/models.prisma: name → the @default text, if any. */
function applicationColumns(): Map<string, { nullable: boolean; default?: string }> {
  const models = readFileSync(new URL("../../prisma/models.prisma", import.meta.url), "utf8");
  const block = /model Application \{([\s\S]*?)\n\}/.exec(models)?.[1] ?? "";
  const columns = new Map<string, { nullable: boolean; default?: string }>();
  for (const line of block.split("\n")) {
    const match = /^\s+(\w+)\s+(\w+)(\??)(\[\])?\s*(.*)$/.exec(line);
    if (!match || match[4]) continue;
    const def = /@default\((.*)\)/.exec(match[5])?.[1];
    columns.set(match[1], { nullable: match[3] === "?", default: def });
  }
  return columns;
}

describe("the application settings table", () => {
  it("declares exactly the Application columns that are settings, with the columns' defaults", () => {
    const columns = applicationColumns();
    const identity = ["id", "clientId", "type", "version", "createdAt", "updatedAt"];
    expect([...columns.keys()].filter((column) => !identity.includes(column)).sort()).toEqual([...settingNames].sort());
    for (const name of settingNames) {
      const column = columns.get(name);
      const declared = settingSpec(name).default;
      if (column?.default === undefined) {
        // No default in the database: nullable (null), or the name, which every create must give.
        expect(name === "name" || (column?.nullable && declared === null), name).toBe(true);
        continue;
      }
      const stored = settingSpec(name).stored === "json" ? JSON.stringify(declared) : declared;
      expect(JSON.parse(column.default), name).toEqual(stored);
    }
  });

  it("names every invalid field of a create it can in one answer, even when the type is unknown", () => {
    // Which redirect URIs are allowed depends on the type: without one, only the shape is checked.
    const result = createApplicationSchema.safeParse({
      type: "teapot",
      name: "",
      redirectUris: ["ftp://x"],
      corsOrigins: [1],
    });
    expect(result.error?.issues.map((issue) => issue.path.join(".")).sort()).toEqual(["corsOrigins.0", "name", "type"]);
    const spa = createApplicationSchema.safeParse({ type: "spa", name: "Board", pkcePolicy: "not_required" });
    expect(spa.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["pkcePolicy", "confidentialOnly"],
    ]);
    const web = createApplicationSchema.safeParse({ type: "traditional", name: "Wiki", pkcePolicy: "sometimes" });
    expect(web.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["pkcePolicy", "pkcePolicyUnknown"],
    ]);
  });

  it("gives a new app the declared defaults", () => {
    expect(defaultSettings.pkcePolicy).toBe("pkce_or_nonce");
    expect(defaultSettings.rotateRefreshToken).toBe(true);
    expect(defaultSettings.allowedScopes).toEqual(["profile", "email"]);
  });

  it.each(applicationTypes)(
    "accepts every example that applies to a %s app, and refuses by name what does not",
    (type) => {
      const schema = updateApplicationSchema(type);
      for (const name of settingNames) {
        const result = schema.safeParse({ [name]: settingSpec(name).example });
        if (
          settingApplies(name, type) &&
          !(type === "m2m" && ["redirectUris", "postLogoutRedirectUris", "allowedScopes"].includes(name))
        )
          expect(result.error?.issues ?? [], name).toEqual([]);
        if (!settingApplies(name, type))
          expect(
            result.error?.issues.map((i) => i.path.join(".")),
            name,
          ).toEqual([name]);
      }
      expect(schema.safeParse(exampleSettings(type)).error?.issues ?? []).toEqual(
        settingNames
          .filter((name) => !settingApplies(name, type))
          .map((name) => expect.objectContaining({ path: [name] })),
      );
    },
  );

  it.each(applicationTypes)("reads a %s app's row into a view the API schema describes", (type) => {
    const view = toView(exampleRow(type));
    const applying = settingNames.filter((name) => settingApplies(name, type));
    for (const name of applying) expect(view[name], name).toEqual(example(name, type));
    const json = JSON.parse(JSON.stringify(view));
    expect(applicationSchema.safeParse(json).error?.issues ?? []).toEqual([]);
  });

  it.each(applicationTypes)("round-trips every exported setting of a %s app through export and import", (type) => {
    const view: ApplicationView = toView(exampleRow(type));
    const file = exported(view);
    expect(Object.keys(file).sort()).toEqual(["clientId", "type", ...exportedSettingNames(type)].sort());
    const parsed = importSchema.parse({ format: "latchkey.applications", version: 1, applications: [file] });
    const { clientId, type: _type, ...settings } = file;
    expect(parsed.applications[0]).toEqual({ clientId, type, settings });
  });

  it("exports every setting marked exported for the types it applies to, and only those", () => {
    for (const name of settingNames) {
      const types = applicationTypes.filter((type) => exportedSettingNames(type).includes(name));
      expect(types, name).toEqual(
        settingSpec(name).exported ? applicationTypes.filter((type) => settingApplies(name, type)) : [],
      );
    }
  });

  it("maps every setting to client metadata, the client record, or the console", () => {
    for (const name of settingNames) {
      const client = settingSpec(name).client;
      if (client === "console") continue;
      expect(Boolean(client.metadata || client.record), name).toBe(true);
    }
  });

  it.each(applicationTypes)(
    "gives oidc-provider client metadata it accepts for a %s app, from the settings",
    async (type) => {
      const settings = exampleSettings(type);
      const metadata = toMetadata(`client-${type}`, type, settings);
      const provider = new Provider("http://localhost:3000/oidc", {
        clients: [metadata as ClientMetadata],
        scopes: supportedScopes,
        features: {
          clientCredentials: { enabled: true },
          rpInitiatedLogout: { enabled: true },
          backchannelLogout: { enabled: true },
          deviceFlow: { enabled: true },
        },
      });
      const client = await provider.Client.find(`client-${type}`);
      expect(client, "oidc-provider refused the metadata").toBeDefined();
      const seen = client?.metadata() as Record<string, unknown>;
      for (const name of settingNames) {
        const spec = settingSpec(name);
        if (spec.client === "console" || !spec.client.metadata || !settingApplies(name, type)) continue;
        const expected = spec.client.toMetadata
          ? spec.client.toMetadata(settings[name], type, settings)
          : settings[name];
        // Left out (undefined): oidc-provider's own default applies.
        if (expected === undefined) expect(metadata[spec.client.metadata], name).toBeUndefined();
        else expect(seen[spec.client.metadata], name).toEqual(expected);
      }
      expect(seen.token_endpoint_auth_method).toBe(type === "spa" || type === "native" ? "none" : "client_secret_post");
    },
  );

  it("documents every setting in the OpenAPI document's Application and its update body", () => {
    const doc = openApiDocument("https://id.example.com", "https://id.example.com/oidc") as unknown as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { properties: object } }> } }>
      >;
    };
    const application = Object.keys(doc.components.schemas.Application.properties);
    const update =
      doc.paths["/applications/{id}"].patch.requestBody?.content["application/json"].schema.properties ?? {};
    for (const name of settingNames) {
      expect(application, name).toContain(name);
      expect(Object.keys(update), name).toContain(name);
    }
  });
});

describe("the CLI's setting flags", () => {
  const documentFile = join(mkdtempSync(join(tmpdir(), "latchkey-flags-")), "keys.json");
  writeFileSync(documentFile, JSON.stringify({ keys: [] }));

  it("has one flag per setting, and reads each into the setting it names", () => {
    const flags = settingNames.map((name) => settingSpec(name).cli.flag);
    expect(new Set(flags).size).toBe(settingNames.length);
    for (const name of settingNames) {
      const { flag, kind } = settingSpec(name).cli;
      expect(settingOptions[flag], flag).toBeDefined();
      const values =
        kind === "boolean"
          ? { [flag]: true }
          : kind === "list"
            ? { [flag]: ["a", "b"] }
            : kind === "seconds"
              ? { [flag]: "900" }
              : kind === "jsonFile"
                ? { [flag]: documentFile }
                : { [flag]: "x" };
      const expected =
        kind === "boolean"
          ? true
          : kind === "list"
            ? ["a", "b"]
            : kind === "seconds"
              ? 900
              : kind === "jsonFile"
                ? { keys: [] }
                : "x";
      expect(settingsFromFlags(values), flag).toEqual({ [name]: expected });
      expect(flagFor(`${name}.0`)).toBe(`--${flag}`);
    }
  });

  it("turns switches off, lifetimes back to the default and lists empty", () => {
    expect(
      settingsFromFlags({ "no-rotate-refresh-token": true, "refresh-token-ttl": "default", "cors-origin": [""] }),
    ).toEqual({
      rotateRefreshToken: false,
      refreshTokenTtl: null,
      corsOrigins: [],
    });
    expect(() => settingsFromFlags({ "access-token-ttl": "1h" })).toThrow(/--access-token-ttl/);
    expect(() => settingsFromFlags({ "rotate-refresh-token": true, "no-rotate-refresh-token": true })).toThrow(
      /--rotate-refresh-token/,
    );
    expect(settingsFromFlags({ "jwks-file": "" })).toEqual({ jwks: null });
    expect(() => settingsFromFlags({ "jwks-file": "/nonexistent/keys.json" })).toThrow(/--jwks-file.*ENOENT/);
    writeFileSync(documentFile, "{ not json");
    expect(() => settingsFromFlags({ "jwks-file": documentFile })).toThrow(/--jwks-file: .* is not JSON/);
  });
});
