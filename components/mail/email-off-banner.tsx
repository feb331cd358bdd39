import Link from "next/link";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";

/** Shown where a feature needs email while SMTP_URL is unset: what is missing and how to set it. */
export function EmailOffBanner() {
  const t = useTranslations("console.email");
  return (
    <Alert tone="warning">
      <p className="font-semibold">{t("offTitle")}</p>
      <p className="mt-1">
        {t.rich("offBody", { code: (chunks) => <code className="font-mono text-xs">{chunks}</code> })}{" "}
        <Link href="/docs#email" className="font-medium underline">
          {t("offLink")}
        </Link>
      </p>
    </Alert>
  );
}
