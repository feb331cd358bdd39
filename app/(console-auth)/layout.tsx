import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AuthShell } from "@/components/ui/auth-shell";

export const dynamic = "force-dynamic";

export default async function ConsoleAuthLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("console");
  return <AuthShell title={t("productName")}>{children}</AuthShell>;
}
