import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountSignIn } from "@/components/account/account-sign-in";
import { ConnectedApps } from "@/components/account/connected-apps";
import { EmailCard } from "@/components/account/email-card";
import { PasskeysCard } from "@/components/account/passkeys-card";
import { PasswordCard } from "@/components/account/password-card";
import { ProfileCard } from "@/components/account/profile-card";
import { TwoFactorCard } from "@/components/account/two-factor-card";
import { SignOutButton } from "@/components/console/sign-out-button";
import { accountEditsData } from "@/lib/account/page-data";
import { currentUser } from "@/lib/auth/console-session";
import { endSessionUrl } from "@/lib/console/navigation";
import { type ConnectedApp, connectedAppRows, listConnectedApps } from "@/lib/grants/connected-apps";
import { getDateFormat } from "@/lib/i18n/dates";
import { passkeyRows } from "@/lib/passkeys/account-view";
import { runtime } from "@/lib/runtime";
import { twoFactorCardData } from "@/lib/two-factor/account-view";
import { clientIdSchema } from "@/lib/validation/client-id";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.account");
  return { title: t("title") };
}

/**
 * The name of the app the revoke form just took access from (`?revoked=<clientId>`, set by its
 * redirect); nothing when that app still has access, so a crafted link cannot claim otherwise.
 */
async function revokedAppName(clientId: unknown, apps: ConnectedApp[]): Promise<string | undefined> {
  const parsed = clientIdSchema.safeParse(clientId);
  if (!parsed.success || apps.some((app) => app.clientId === parsed.data)) return undefined;
  const app = await runtime().database.prisma.application.findUnique({
    where: { clientId: parsed.data },
    select: { name: true, displayName: true },
  });
  return app ? app.displayName || app.name : undefined;
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** An end user's own page: who they are signed in as, and the apps they have let in. */
export default async function AccountPage({ searchParams }: Props) {
  const user = await currentUser();
  const t = await getTranslations("account.account");
  const query = await searchParams;
  if (!user) return <AccountSignIn signedOut={query.signed_out !== undefined} />;

  const rt = runtime();
  const formatDate = await getDateFormat();
  const apps = await listConnectedApps(rt.database.prisma, user.id);
  const revoked = await revokedAppName(query.revoked, apps);
  const client = rt.console.account;
  const twoFactor = await twoFactorCardData(rt.database.prisma, user.id, formatDate, query.two_factor);
  const passkeys = await passkeyRows(rt.database.prisma, user.id, formatDate);
  const edits = await accountEditsData(rt.database.prisma, rt.mail, user.id, query);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("signedInAs", { email: user.email })}</p>
      </div>
      <ProfileCard data={edits.profile} />
      <EmailCard data={edits.email} />
      <PasswordCard data={edits.password} />
      <PasskeysCard passkeys={passkeys} />
      {twoFactor && <TwoFactorCard data={twoFactor} />}
      <ConnectedApps apps={connectedAppRows(apps, formatDate)} revoked={revoked} />
      <SignOutButton endSessionUrl={endSessionUrl(rt.env.ISSUER, client.clientId, client.postLogoutRedirectUri)} />
    </div>
  );
}
