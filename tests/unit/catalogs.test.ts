import { describe, expect, it } from "vitest";
import { pickLocale } from "../../lib/i18n/locales";
import { catalogs } from "../../lib/i18n/messages";

/** Every key path of a catalog (`console.list.empty.title`), with the ICU arguments it uses. */
function entries(tree: unknown, prefix = ""): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object") {
      for (const [k, v] of entries(value, path)) out.set(k, v);
    } else {
      // An ICU argument is a name followed by "," or "}" (plural branches like "{# apps}" are not).
      const args = [...String(value).matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1] ?? "").sort();
      out.set(path, [...new Set(args)]);
    }
  }
  return out;
}

describe("message catalogs", () => {
  const en = entries(catalogs.en);
  const ko = entries(catalogs.ko);

  it("has every English key in Korean and no Korean key missing from English", () => {
    expect([...en.keys()].filter((key) => !ko.has(key))).toEqual([]);
    expect([...ko.keys()].filter((key) => !en.has(key))).toEqual([]);
  });

  it("uses the same placeholders in both languages", () => {
    const differing = [...en].filter(([key, args]) => JSON.stringify(ko.get(key)) !== JSON.stringify(args));
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it("has no empty message", () => {
    for (const [key] of [...en, ...ko]) expect(key).not.toBe("");
    const empty = [...Object.entries({ en: catalogs.en, ko: catalogs.ko })].flatMap(([lang, tree]) =>
      [...entries(tree).keys()]
        .filter((key) => {
          const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
          return String(value).trim() === "";
        })
        .map((key) => `${lang}:${key}`),
    );
    expect(empty).toEqual([]);
  });
});

describe("pickLocale", () => {
  it.each([
    [undefined, "ko-KR,ko;q=0.9,en;q=0.8", "ko"],
    [undefined, "en-US,en;q=0.9,ko;q=0.8", "en"],
    [undefined, "fr-FR,fr;q=0.9,ko;q=0.5", "ko"],
    [undefined, "ko;q=0.2,en;q=0.7", "en"],
    [undefined, "", "en"],
    [undefined, null, "en"],
    ["ko", "en-US", "ko"],
    ["xx", "ko", "ko"],
  ])("cookie %s with Accept-Language %s picks %s", (cookie, header, expected) => {
    expect(pickLocale(cookie, header)).toBe(expected);
  });
});
