const descriptions: Record<string, { title: string; detail: string }> = {
  profile: { title: "Your profile", detail: "Your name and profile picture" },
  email: { title: "Your email address", detail: "The address you sign in with, and whether it is verified" },
  phone: { title: "Your phone number", detail: "The phone number on your account" },
};

/** The scopes an app asks for, in plain words. */
export function ScopeList({ scopes }: { scopes: string[] }) {
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
      {scopes.map((scope) => {
        const d = descriptions[scope] ?? { title: scope, detail: `Access to "${scope}"` };
        return (
          <li key={scope} className="flex gap-3 px-3 py-2.5">
            <span aria-hidden className="mt-1.5 size-2 shrink-0 rounded-full bg-brand-500" />
            <div>
              <p className="text-sm font-medium text-slate-900">{d.title}</p>
              <p className="text-xs text-slate-500">{d.detail}</p>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
