import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSessionCookie } from "../../lib/auth/sessions";
import { isConsolePath } from "../../lib/server/console-gate";

const consoleDir = join(import.meta.dirname, "..", "..", "app", "(console)");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe("the console's admin check", () => {
  it("is the first thing every console page, layout and generateMetadata does", () => {
    const readers = files(consoleDir).filter((file) => /\/(page|layout)\.tsx$/.test(file));
    expect(readers.length).toBeGreaterThan(10);
    // Each exported async function (the page, its layout, generateMetadata) checks first, before anything else.
    const missing = readers.flatMap((file) => {
      const source = readFileSync(file, "utf8");
      const entries = [...source.matchAll(/export (?:default )?async function (\w+)[\s\S]*?\{\n\s*([^\n]*)/g)];
      // A generateMetadata made rather than written must come from adminPageTitle, which checks first (below).
      const consts = [...source.matchAll(/export const (generateMetadata) = (?!adminPageTitle\()/g)];
      return [
        ...entries.filter(([, , first]) => !/^(const \w+ = )?await requireAdmin\(\);$/.test(first)),
        ...consts,
      ].map(([, name]) => `${file.slice(consoleDir.length)}: ${name}`);
    });
    expect(missing, "pages that read data without calling requireAdmin() first").toEqual([]);
    const titled = readers.filter((file) => readFileSync(file, "utf8").includes("= adminPageTitle("));
    expect(titled.length).toBeGreaterThan(0);
    const helper = readFileSync(join(consoleDir, "..", "..", "lib", "console", "page-title.ts"), "utf8");
    expect(helper).toMatch(/async function generateMetadata\(\): Promise<Metadata> \{\n\s*await requireAdmin\(\);\n/);
  });

  it("gates every section of the console, so a new one cannot be left outside the gate", () => {
    const sections = readdirSync(consoleDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => (entry.name.startsWith("(") ? readdirSync(join(consoleDir, entry.name)) : [entry.name]))
      .filter((name) => !name.includes("."));
    expect(sections).toContain("docs");
    expect(sections.filter((name) => !isConsolePath(`/${name}`))).toEqual([]);
  });

  it("recognises every spelling of a console path, and nothing else", () => {
    for (const path of [
      "/users",
      "/users/abc",
      "/Users",
      "//users",
      "/%75sers",
      "/applications/x/tokens",
      "/settings/keys",
      "/audit/",
      "/x/../users",
      "/./users",
      "/%2e%2e/users",
      "/users/%2e%2e/audit",
      "http://evil/users",
      "/\\users",
      "/api-docs",
    ]) {
      expect(isConsolePath(path), path).toBe(true);
    }
    for (const path of ["/", "/account", "/sign-in", "/setup", "/usersx", "/api/v1/users", "/oidc/auth", "/%E0%A4%A"]) {
      expect(isConsolePath(path), path).toBe(false);
    }
  });

  it("reads next-auth's session cookie whole or rejoined from its chunks, and refuses a chunk missing", () => {
    const name = "next-auth.session-token";
    expect(readSessionCookie(`a=1; ${name}=whole; b=2`, name)).toBe("whole");
    expect(readSessionCookie(`${name}.1=two; ${name}.0=one`, name)).toBe("onetwo");
    expect(readSessionCookie(`${name}.0=one; ${name}.2=three`, name)).toBeUndefined();
    expect(readSessionCookie(`__Secure-${name}=x`, name)).toBeUndefined();
    expect(readSessionCookie(undefined, name)).toBeUndefined();
  });
});
