import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AppLogo } from "@/components/account/app-logo";
import { Button } from "@/components/ui/button";
import { currentUser } from "@/lib/auth/console-session";
import { listConnectedApps } from "@/lib/grants/connected-apps";
import { revokeFormToken } from "@/lib/grants/revoke-form";
import { runtime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.account");
  return { title: t("revokeConfirm") };
}

type Props = { params: Promise<{ clientId: string }> };

/**
 * "Revoke access?" as a page of its own: where the Revoke button leads without a script (with
 * one, the account page asks in a dialog instead). The form posts with an anti-forgery token.
 */
export default async function RevokePage({ params }: Props) {
  const user = await currentUser();
  if (!user) redirect("/account");
  const { clientId } = await params;
  const t = await getTranslations("account.account");
  const app = (await listConnectedApps(runtime().database.prisma, user.id)).find((a) => a.clientId === clientId);
  if (!app) {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-xl font-semibold text-slate-900">{t("unknownApp")}</h1>
        <Link href="/account" className="text-sm font-medium text-brand-700 underline">
          {t("backToAccount")}
        </Link>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      <AppLogo name={app.name} src={app.logoUrl} alt="" />
      <h1 className="text-xl font-semibold text-slate-900">{t("revokeTitle", { app: app.name })}</h1>
      <p className="text-sm text-slate-600">{t("revokeBody", { app: app.name })}</p>
      <form
        method="post"
        action={`/api/account/connected-apps/${encodeURIComponent(app.clientId)}/revoke`}
        className="mt-2 flex flex-col-reverse gap-2 sm:flex-row"
      >
        <input type="hidden" name="token" value={revokeFormToken(user.id)} />
        <Link
          href="/account"
          className="inline-flex min-h-10 flex-1 items-center justify-center rounded-lg bg-white px-4 py-2 text-sm font-semibold text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
        >
          {t("cancel")}
        </Link>
        <Button type="submit" variant="danger" className="flex-1">
          {t("revokeConfirm")}
        </Button>
      </form>
    </div>
  );
}
