import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireAdmin } from "../auth/console-session";

/**
 * An admin page's generateMetadata: its title is `key` in the `namespace` catalog, read only after
 * the admin check (metadata renders apart from the page, so it checks for itself).
 */
export function adminPageTitle(namespace: string, key = "title") {
  return async function generateMetadata(): Promise<Metadata> {
    await requireAdmin();
    const t = await getTranslations(namespace);
    return { title: t(key) };
  };
}
