import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { projectRoot } from "../root";

/** The blocks of the README the console shows at /docs: just what the README itself uses. */
export type Block =
  | { kind: "heading"; level: number; text: string; slug: string }
  | { kind: "code"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "paragraph"; text: string };

/** A heading's anchor as GitHub makes it, so links into the README work the same in both places. */
export function slugOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .trim()
    .replace(/\s/g, "-");
}

/** Splits Markdown into blocks; tables stay as code (they are read as text). */
export function parseReadme(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split("\n");
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (line.startsWith("```")) {
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i].startsWith("```"); i++) code.push(lines[i]);
      blocks.push({ kind: "code", text: code.join("\n") });
      i++;
    } else if (heading) {
      blocks.push({ kind: "heading", level: heading[1].length, text: heading[2], slug: slugOf(heading[2]) });
      i++;
    } else if (line.startsWith("|")) {
      const rows: string[] = [];
      for (; i < lines.length && lines[i].startsWith("|"); i++) rows.push(lines[i]);
      blocks.push({ kind: "code", text: rows.join("\n") });
    } else if (/^\s*[-*]\s/.test(line)) {
      const items: string[] = [];
      for (; i < lines.length && (/^\s*[-*]\s/.test(lines[i]) || /^\s{2,}\S/.test(lines[i])); i++) {
        if (/^\s*[-*]\s/.test(lines[i])) items.push(lines[i].replace(/^\s*[-*]\s/, ""));
        else items[items.length - 1] += ` ${lines[i].trim()}`;
      }
      blocks.push({ kind: "list", items });
    } else if (line.trim() === "") {
      i++;
    } else {
      const text: string[] = [];
      for (; i < lines.length && lines[i].trim() !== "" && !/^(#|```|\||\s*[-*]\s)/.test(lines[i]); i++) {
        text.push(lines[i].trim());
      }
      blocks.push({ kind: "paragraph", text: text.join(" ") });
    }
  }
  return blocks;
}

/** The README shipped with this installation. */
export async function readReadme(): Promise<Block[]> {
  return parseReadme(await readFile(join(projectRoot(), "README.md"), "utf8"));
}
