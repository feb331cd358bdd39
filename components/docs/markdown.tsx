import type { ReactNode } from "react";
import type { Block } from "@/lib/docs/readme";

/** `code`, **bold**, *emphasis* and [links](…) inside a line; anything else is plain text. */
function inline(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    const [, code, bold, emphasis, label, href] = match;
    if (code)
      parts.push(
        <code key={at} className="rounded bg-slate-100 px-1 font-mono text-[0.85em]">
          {code}
        </code>,
      );
    else if (bold) parts.push(<strong key={at}>{bold}</strong>);
    else if (emphasis) parts.push(<em key={at}>{emphasis}</em>);
    else {
      // Only the README's own anchors and web addresses become links.
      const safe = href.startsWith("#") || /^https?:\/\//.test(href);
      parts.push(
        safe ? (
          <a key={at} href={href} className="text-brand-700 underline">
            {label}
          </a>
        ) : (
          label
        ),
      );
    }
    last = at + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

const headingClass: Record<number, string> = {
  1: "text-2xl font-semibold",
  2: "mt-6 border-b border-slate-200 pb-1 text-xl font-semibold",
  3: "mt-4 text-base font-semibold",
  4: "mt-3 text-sm font-semibold",
};

/** The README as the console shows it: headings carry the same anchors as on GitHub. */
export function Markdown({ blocks }: { blocks: Block[] }) {
  return (
    <div className="flex max-w-3xl flex-col gap-3 text-sm leading-relaxed text-slate-800">
      {blocks.map((block, index) => {
        const key = `${block.kind}-${index}`;
        if (block.kind === "heading") {
          const Tag = `h${Math.min(block.level, 4)}` as "h2";
          return (
            <Tag key={key} id={block.slug} className={`scroll-mt-4 text-slate-900 ${headingClass[block.level] ?? ""}`}>
              {inline(block.text)}
            </Tag>
          );
        }
        if (block.kind === "code") {
          return (
            <pre
              key={key}
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
              tabIndex={0}
              className="overflow-x-auto rounded-lg bg-slate-900 p-3 font-mono text-xs text-slate-100"
            >
              {block.text}
            </pre>
          );
        }
        if (block.kind === "list") {
          return (
            <ul key={key} className="list-disc space-y-1 pl-5">
              {block.items.map((item, n) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: README items never reorder within a render.
                <li key={n}>{inline(item)}</li>
              ))}
            </ul>
          );
        }
        return <p key={key}>{inline(block.text)}</p>;
      })}
    </div>
  );
}
