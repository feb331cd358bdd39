import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { AccountSignIn } from "@/components/account/account-sign-in";
import { ConnectedApps } from "@/components/account/connected-apps";
import { SignOutButton } from "@/components/console/sign-out-button";
import { currentUser } from "@/lib/auth/console-session";
import { endSessionUrl } from "@/lib/console/navigation";
import { listConnectedApps } from "@/lib/grants/connected-apps";
import { runtime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.account");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** An end user's own page: who they are signed in as, and the apps they have let in. */
export default async function AccountPage({ searchParams }: Props) {
  const user = await currentUser();
  const t = await getTranslations("account.account");
  if (!user) return <AccountSignIn signedOut={(await searchParams).signed_out !== undefined} />;

  const rt = runtime();
  const format = await getFormatter();
  const apps = await listConnectedApps(rt.database.prisma, user.id);
  const client = rt.console.account;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("signedInAs", { email: user.email })}</p>
      </div>
      <ConnectedApps
        apps={apps.map((app) => ({
          clientId: app.clientId,
          name: app.name,
          logoUrl: app.logoUrl,
          scopes: app.scopes,
          authorized: format.dateTime(app.authorizedAt, "date"),
        }))}
      />
      <SignOutButton endSessionUrl={endSessionUrl(rt.env.ISSUER, client.clientId, client.postLogoutRedirectUri)} />
    </div>
  );
}
