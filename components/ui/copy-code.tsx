import { CopyButton } from "./copy-button";

/** An identifier in a table cell: cut to fit (the whole value in its tooltip), with a copy button. */
export function CopyCode({ value, label }: { value: string; label: string }) {
  return (
    <div className="flex min-w-0 items-center gap-1">
      <code className="min-w-0 truncate font-mono text-xs text-slate-800" title={value}>
        {value}
      </code>
      <CopyButton value={value} label={label} />
    </div>
  );
}
