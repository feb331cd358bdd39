import { z } from "zod";

/**
 * Text people type and other people read (names, descriptions, display names). Three kinds of
 * character are refused, each with its own message so the reader knows what to remove:
 *
 * - Control characters (C0, DEL and C1: `\p{Cc}`, NUL included) and the Unicode line and paragraph
 *   separators. They have no glyph, cut a name short in some stores (PostgreSQL refuses NUL
 *   outright) and break the lines of logs and exports. A description keeps its line breaks.
 * - Unpaired UTF-16 surrogates (a lone `\uD800`). JSON can carry them, but they are not text: no
 *   encoding can store them, so a database or a UTF-8 writer either fails or silently alters them.
 * - Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). They reorder the
 *   characters around them, so a name can read differently from what it is ("Trojan Source").
 *
 * The bidi marks U+200E, U+200F and U+061C stay allowed: each is an invisible strong letter that
 * only settles the direction of the neutral characters next to it (where a bracket or a full stop
 * goes in a Hebrew or Arabic name), and unlike the overrides it cannot reverse any letter. Names
 * written right to left need them. Zero-width joiners stay allowed too (emoji, Persian, Indic).
 */
const lineBreaks = /[\n\r]/g;
const controls = /[\p{Cc}\u2028\u2029]/u;
const loneSurrogate = /\p{Cs}/u;
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/u;

/** Why `value` is not acceptable human text (a `validation` message key), or undefined. */
export function humanTextProblem(value: string, options: { multiline?: boolean } = {}): string | undefined {
  // Checked first: a regex over a lone surrogate still works, but every other message would be beside the point.
  if (loneSurrogate.test(value)) return "textBrokenCharacter";
  if (controls.test(options.multiline ? value.replace(lineBreaks, "") : value)) return "textControlCharacter";
  if (bidiControls.test(value)) return "textBidiControl";
  return undefined;
}

/** A trimmed single-line text of at most `max` characters (`tooLong{max}` must be a message key). */
export function humanText(max: 32 | 64 | 128 | 500, options: { multiline?: boolean } = {}) {
  return z
    .string()
    .trim()
    .max(max, `tooLong${max}`)
    .superRefine((value, ctx) => {
      const problem = humanTextProblem(value, options);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}
