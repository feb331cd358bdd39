import type { ReactNode } from "react";

/** A bordered list, one row per item (`children` returns the <li>), or one line saying there are none. */
export function ItemList<Item>({
  items,
  empty,
  children,
}: {
  items: Item[];
  empty: ReactNode;
  children: (item: Item) => ReactNode;
}) {
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="flex flex-col divide-y divide-slate-100 rounded-lg border border-slate-200">
      {items.map(children)}
    </ul>
  );
}
