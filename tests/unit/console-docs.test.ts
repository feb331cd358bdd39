import { readFileSync } from "node:fs";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../lib/api/openapi";
import { parseReadme, slugOf } from "../../lib/docs/readme";
import { helpTopics } from "../../lib/docs/topics";
import { catalogs } from "../../lib/i18n/messages";

/** Every leaf of a catalog subtree as [path, message]. */
function leaves(tree: unknown, prefix = ""): [string, string][] {
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) =>
    value && typeof value === "object" ? leaves(value, `${prefix}${key}.`) : [[`${prefix}${key}`, String(value)]],
  );
}

describe("the console's catalogs", () => {
  it("format every console message with ICU, tags and all (no raw key on a page)", () => {
    const broken = (["en", "ko"] as const).flatMap((lang) =>
      leaves(catalogs[lang].console).flatMap(([path, message]) => {
        try {
          new IntlMessageFormat(message, lang).format({});
          return [];
        } catch (error) {
          // A missing value is fine here; a message that does not parse is not.
          return /not provided|was not provided|MISSING_VALUE/i.test(String(error)) ? [] : [`${lang}:${path}`];
        }
      }),
    );
    expect(broken).toEqual([]);
  });

  it("name every API operation and tag in both languages", () => {
    const doc = openApiDocument("https://id.example.com", "https://id.example.com/oidc");
    const ops = Object.values(doc.paths).flatMap((methods) =>
      Object.values(methods as Record<string, { operationId: string }>).map((op) => op.operationId),
    );
    for (const lang of ["en", "ko"] as const) {
      const docs = catalogs[lang].console.apiDocs;
      expect(ops.filter((id) => !(id in docs.ops))).toEqual([]);
      expect(doc.tags.map((tag) => tag.name).filter((name) => !(name in docs.tags))).toEqual([]);
    }
  });

  it("name every card's help topic in both languages (its Learn more link says what it is about)", () => {
    for (const lang of ["en", "ko"] as const) {
      const names = catalogs[lang].console.help.names;
      expect(Object.keys(helpTopics).filter((topic) => !(topic in names))).toEqual([]);
    }
  });

  it("lists every operation's tag, so the API page shows every operation under a heading", () => {
    const doc = openApiDocument("https://id.example.com", "https://id.example.com/oidc");
    const listed = new Set(doc.tags.map((tag) => tag.name));
    const unlisted = Object.values(doc.paths).flatMap((methods) =>
      Object.values(methods as Record<string, { operationId: string; tags: string[] }>)
        .filter((op) => !op.tags.some((tag) => listed.has(tag)))
        .map((op) => `${op.operationId} (${op.tags.join(", ")})`),
    );
    expect(unlisted).toEqual([]);
  });
});

describe("the README the console shows at /docs", () => {
  const blocks = parseReadme(readFileSync("README.md", "utf8"));
  const anchors = new Set(blocks.flatMap((block) => (block.kind === "heading" ? [block.slug] : [])));

  it("has a section for every card's Learn more link", () => {
    expect(Object.values(helpTopics).filter((anchor) => !anchors.has(anchor))).toEqual([]);
  });

  it("makes anchors the way GitHub does", () => {
    expect(slugOf("Redirect URIs and origins")).toBe("redirect-uris-and-origins");
    expect(slugOf("Secrets at rest and backups")).toBe("secrets-at-rest-and-backups");
    expect(slugOf("Password and access")).toBe("password-and-access");
  });

  it("keeps code blocks, lists and paragraphs apart", () => {
    const parsed = parseReadme("# T\n\nOne\ntwo.\n\n- a\n  b\n- c\n\n```sh\nnpm start\n```\n");
    expect(parsed).toEqual([
      { kind: "heading", level: 1, text: "T", slug: "t" },
      { kind: "paragraph", text: "One two." },
      { kind: "list", items: ["a b", "c"] },
      { kind: "code", text: "npm start" },
    ]);
  });
});
