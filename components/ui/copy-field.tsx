import { CopyButton } from "./copy-button";

/** A labelled value meant to be pasted elsewhere: shown in full, selectable, with a copy button. */
export function CopyField({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  testId?: string;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <span className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</span>
      <div className="flex min-w-0 items-center gap-1 rounded-lg border border-slate-200 bg-slate-50 pl-3">
        <code
          data-testid={testId}
          className="min-w-0 flex-1 py-2 font-mono text-sm break-all text-slate-800 select-all"
          title={value}
        >
          {value}
        </code>
        <CopyButton value={value} label={label} />
      </div>
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
    </div>
  );
}
