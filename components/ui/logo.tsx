/** Latchkey's mark: a key in a rounded square. */
export function Logo({ className = "size-8" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <rect width="32" height="32" rx="8" className="fill-brand-600" />
      <circle cx="12" cy="16" r="5" fill="none" stroke="white" strokeWidth="2.5" />
      <path d="M17 16h9m-3 0v4m-3-4v3" stroke="white" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}
