"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { CloseIcon, MenuIcon } from "@/components/ui/icons";
import { useDisclosure } from "@/components/ui/use-disclosure";

type Item = { href: string; label: string };

/**
 * The console's sections; the current one is marked for sight and for screen readers. From the
 * `sm` width up they sit in the header in one row; on phones one menu button in the header opens
 * them as a list under it (five links do not fit in one row of a phone, and wrapped they read badly).
 */
export function NavLinks({ items, label, menuLabel }: { items: Item[]; label: string; menuLabel: string }) {
  const pathname = usePathname();
  const { open, setOpen, panelId: listId, toggle } = useDisclosure();

  // A followed link closes the menu; so does Escape.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is the effect of a new address.
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open, setOpen]);

  const current = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav aria-label={label}>
      <button
        {...toggle}
        className="inline-flex min-h-10 items-center gap-2 rounded-md px-2 text-sm font-medium text-slate-700 hover:bg-slate-100 sm:hidden"
      >
        {open ? <CloseIcon className="size-5" /> : <MenuIcon className="size-5" />}
        {menuLabel}
      </button>
      {/* On phones the list drops down under the whole header (which is `relative`). */}
      <ul
        id={listId}
        className={`${open ? "flex" : "hidden"} absolute inset-x-0 top-full z-30 flex-col gap-1 border-b border-slate-200 bg-white p-3 shadow-md sm:static sm:flex sm:flex-row sm:border-0 sm:bg-transparent sm:p-0 sm:shadow-none`}
      >
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={current(item.href) ? "page" : undefined}
              className={`block whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium sm:py-1.5 ${
                current(item.href)
                  ? "bg-brand-50 text-brand-700"
                  : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
              }`}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
