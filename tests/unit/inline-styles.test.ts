import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderPage } from "../../lib/provider-pages/render";

const root = join(import.meta.dirname, "..", "..");

/** Every .tsx file under one of the project's folders, relative to the project. */
const sources = (folder: string) =>
  (readdirSync(join(root, folder), { recursive: true }) as string[])
    .filter((file) => file.endsWith(".tsx"))
    .map((file) => join(folder, file));

/**
 * The pages' CSP has no 'unsafe-inline' for styles (lib/server/security-headers.ts): a style
 * attribute or a <style> element in server-rendered markup is refused by the browser, and the
 * page draws wrong. Tailwind classes do the job; this catches the pages the browser test does not walk.
 */
describe("inline styles", () => {
  it("are set by none of our components or pages (no React style prop, no <style> element)", () => {
    const files = [...sources("components"), ...sources("app")];
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((file) =>
      readFileSync(join(root, file), "utf8")
        .split("\n")
        .flatMap((line, index) =>
          /\bstyle=\{|<style[\s>]/.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(found).toEqual([]);
  });

  it("appear nowhere in a page the server renders itself", () => {
    const html = renderPage(
      "interaction",
      { kind: "login", uid: "uid-1", csrf: "csrf-1", client: { name: "Acme", clientId: "acme", thirdParty: true } },
      { locale: "en", nonce: "n", assets: { stylesheets: ["/_latchkey/pages.css"] } },
    );
    expect(html).toContain('<link rel="stylesheet" href="/_latchkey/pages.css"/>');
    expect(html).not.toMatch(/\sstyle=|<style/);
  });
});
