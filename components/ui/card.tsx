import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { type HelpTopic, helpTopics } from "@/lib/docs/topics";

/**
 * A white panel with an optional heading row; the console's basic surface. With `help`, the line
 * under the title says what the card is for (its description, or the topic's one-liner) and
 * links to the README's section about it.
 */
export function Card({
  title,
  description,
  help,
  actions,
  children,
  className = "",
  headingLevel = 2,
}: {
  title?: ReactNode;
  description?: ReactNode;
  help?: HelpTopic;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const t = useTranslations("console.help");
  const about = description ?? (help ? t(`topics.${help}`) : undefined);
  return (
    <section className={`rounded-xl border border-slate-200 bg-white shadow-sm ${className}`}>
      {(title || actions) && (
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-4 py-3 sm:px-5">
          <div className="min-w-0">
            {title && <Heading className="text-base font-semibold text-slate-900">{title}</Heading>}
            {(about || help) && (
              <p className="mt-0.5 text-sm text-slate-600">
                {about}
                {help && (
                  <>
                    {" "}
                    <Link href={`/docs#${helpTopics[help]}`} className="font-medium text-brand-700 hover:underline">
                      {t("learnMore")}
                      <span className="sr-only"> {t("about", { topic: t(`names.${help}`) })}</span>
                    </Link>
                  </>
                )}
              </p>
            )}
          </div>
          {actions}
        </div>
      )}
      <div className="px-4 py-4 sm:px-5">{children}</div>
    </section>
  );
}
