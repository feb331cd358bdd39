import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { UserRolesCard } from "@/components/apis/app-access-cards";
import { Badge } from "@/components/ui/badge";
import { SendVerificationButton } from "@/components/users/send-verification-button";
import { UserActions } from "@/components/users/user-actions";
import { UserGrants } from "@/components/users/user-grants";
import { UserProfileForm } from "@/components/users/user-profile-form";
import { UserTwoFactor } from "@/components/users/user-two-factor";
import { requireAdmin } from "@/lib/auth/console-session";
import { loadUser } from "@/lib/console/loaders";
import { connectedAppRows, listConnectedApps } from "@/lib/grants/connected-apps";
import { getDateFormat } from "@/lib/i18n/dates";
import { runtime } from "@/lib/runtime";
import { twoFactorStatus } from "@/lib/two-factor/store";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireAdmin();
  const user = await loadUser((await params).id);
  return { title: user.name || user.email };
}

/** One user: profile, password, status, the apps they authorized. */
export default async function UserPage({ params }: Props) {
  await requireAdmin();
  const user = await loadUser((await params).id);
  const t = await getTranslations("console.users");
  const formatDate = await getDateFormat();
  const apps = await listConnectedApps(runtime().database.prisma, user.id);
  const factors = await twoFactorStatus(runtime().database.prisma, user.id);
  const totp = factors.totp && {
    enabledAt: formatDate(factors.totp.enabledAt),
    lastUsedAt: factors.totp.lastUsedAt ? formatDate(factors.totp.lastUsedAt) : undefined,
    recoveryCodesLeft: factors.recoveryCodesLeft,
  };
  const passkeys = factors.passkeys.map((p) => ({
    name: p.name,
    createdAt: formatDate(p.createdAt),
    lastUsedAt: p.lastUsedAt ? formatDate(p.lastUsedAt) : undefined,
  }));
  return (
    <div className="flex flex-col gap-6">
      <Link href="/users" className="w-fit text-sm font-medium text-brand-700 hover:underline">
        ← {t("title")}
      </Link>
      <div className="flex flex-col gap-2">
        <h1 className="break-words text-2xl font-semibold text-slate-900">{user.name || user.email}</h1>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <span>{user.email}</span>
          <Badge tone={user.role === "admin" ? "brand" : "neutral"}>{t(`roles.${user.role}`)}</Badge>
          <Badge tone={user.status === "active" ? "success" : "danger"}>{t(`statuses.${user.status}`)}</Badge>
          <span>{t("since", { date: formatDate(user.createdAt) })}</span>
        </div>
        {!user.emailVerified && runtime().mail.config.mode !== "off" && (
          <SendVerificationButton userId={user.id} email={user.email} />
        )}
      </div>
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="min-w-0 lg:col-span-3">
          <UserProfileForm user={user} />
        </div>
        <div className="flex min-w-0 flex-col gap-6 lg:col-span-2">
          <UserActions user={{ id: user.id, email: user.email, status: user.status }} />
          <UserRolesCard userId={user.id} />
          <UserTwoFactor user={{ id: user.id, email: user.email }} totp={totp} passkeys={passkeys} />
          <UserGrants userId={user.id} apps={connectedAppRows(apps, formatDate)} />
        </div>
      </div>
    </div>
  );
}
