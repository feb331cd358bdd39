import { SearchIcon } from "./icons";

/** Search as a plain GET form: results have a URL and work before scripts load. */
export function SearchForm({
  action,
  name = "q",
  value,
  hidden = {},
  label,
  placeholder,
  button,
}: {
  action: string;
  name?: string;
  value?: string;
  hidden?: Record<string, string>;
  label: string;
  placeholder: string;
  button: string;
}) {
  const id = `search-${name}`;
  return (
    <search className="max-w-md">
      <form action={action} className="flex gap-2">
        {Object.entries(hidden).map(([key, v]) => (
          <input key={key} type="hidden" name={key} value={v} />
        ))}
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <div className="relative flex-1">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" />
          <input
            id={id}
            type="search"
            name={name}
            defaultValue={value}
            placeholder={placeholder}
            maxLength={128}
            className="min-h-10 w-full rounded-lg border border-slate-300 bg-white py-2 pr-3 pl-9 text-base shadow-sm sm:text-sm"
          />
        </div>
        <button
          type="submit"
          className="min-h-10 rounded-lg bg-white px-4 text-sm font-semibold text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
        >
          {button}
        </button>
      </form>
    </search>
  );
}
