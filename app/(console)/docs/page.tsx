import { getTranslations } from "next-intl/server";
import { Markdown } from "@/components/docs/markdown";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/console-session";
import { adminPageTitle } from "@/lib/console/page-title";
import { readReadme } from "@/lib/docs/readme";

export const generateMetadata = adminPageTitle("console.help", "docsTitle");

/** The README of this installation, where each card's "Learn more" link points. */
export default async function DocsPage() {
  await requireAdmin();
  const blocks = await readReadme();
  // The README's first heading is the product's name; the page says what it is instead.
  const t = await getTranslations("console.help");
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={t("docsTitle")} intro={t("docsIntro")} />
      <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <Markdown blocks={blocks.filter((block) => !(block.kind === "heading" && block.level === 1))} />
      </div>
    </div>
  );
}
