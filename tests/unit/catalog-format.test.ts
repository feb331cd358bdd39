import { type MessageFormatElement, TYPE } from "@formatjs/icu-messageformat-parser";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { locales } from "../../lib/i18n/locales";
import { catalogs } from "../../lib/i18n/messages";

/**
 * The rich-text tags pages render (t.rich / t.markup give each a component). Any other `<name>`
 * in a catalog is text that ICU would read as a tag, and the page would show the message's key.
 */
const richTags = new Set(["strong", "code", "terms", "privacy", "link", "em"]);

/** Every message of a catalog, by key path (`account.consent.heading`). */
function messages(tree: unknown, prefix = ""): [string, string][] {
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return value && typeof value === "object" ? messages(value, path) : [[path, String(value)] as [string, string]];
  });
}

/** A value of the right type for each argument the message uses, and a function for each tag. */
function sampleValues(elements: MessageFormatElement[], out: Record<string, unknown> = {}) {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
        out[element.value] = "x";
        break;
      case TYPE.number:
      case TYPE.plural:
        out[element.value] = 2;
        break;
      case TYPE.date:
      case TYPE.time:
        out[element.value] = new Date(0);
        break;
      case TYPE.select:
        out[element.value] = "other";
        break;
      case TYPE.tag:
        out[element.value] = (chunks: unknown[]) => chunks.join("");
        sampleValues(element.children, out);
        break;
    }
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) sampleValues(option.value, out);
    }
  }
  return out;
}

function tagsOf(elements: MessageFormatElement[]): string[] {
  return elements.flatMap((element) => {
    if (element.type === TYPE.tag) return [element.value, ...tagsOf(element.children)];
    if (element.type === TYPE.plural || element.type === TYPE.select)
      return Object.values(element.options).flatMap((option) => tagsOf(option.value));
    return [];
  });
}

describe("every catalog message formats with ICU", () => {
  it("has the same keys in every language", () => {
    const keys = locales.map((locale) =>
      messages(catalogs[locale])
        .map(([key]) => key)
        .sort(),
    );
    for (const other of keys.slice(1)) expect(other).toEqual(keys[0]);
  });

  for (const locale of locales) {
    it(`formats every ${locale} message to a string, using only the tags pages render`, () => {
      const failures: string[] = [];
      for (const [key, message] of messages(catalogs[locale])) {
        try {
          const format = new IntlMessageFormat(message, locale);
          const ast = format.getAst();
          const unknownTags = tagsOf(ast).filter((tag) => !richTags.has(tag));
          if (unknownTags.length) {
            failures.push(`${key}: <${unknownTags.join(">, <")}> is read as a tag`);
            continue;
          }
          const result = format.format(sampleValues(ast));
          if (typeof result !== "string" || result.trim() === "") failures.push(`${key}: formats to nothing`);
        } catch (error) {
          failures.push(`${key}: ${(error as Error).message}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
