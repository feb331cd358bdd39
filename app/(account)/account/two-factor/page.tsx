import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { RecoveryCodes } from "@/components/account/recovery-codes";
import { TotpEnrolmentForm } from "@/components/account/totp-enrolment";
import { currentUser } from "@/lib/auth/console-session";
import { runtime } from "@/lib/runtime";
import { twoFactorFormToken } from "@/lib/two-factor/account-forms";
import { totpEnrolment } from "@/lib/two-factor/enrolment";
import { pendingTotpSecret, takeRecoveryCodes } from "@/lib/two-factor/store";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.twoFactor");
  return { title: t("enrolTitle") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Adding an authenticator app (after "Set up" on /account): the QR code and the code to confirm;
 * once confirmed, the recovery codes, shown this one time.
 */
export default async function TwoFactorPage({ searchParams }: Props) {
  const user = await currentUser();
  if (!user) redirect("/account");
  const t = await getTranslations("account.twoFactor");
  const rt = runtime();
  const db = rt.database.prisma;
  const codes = await takeRecoveryCodes(db, rt.kek, user.id);
  if (codes) {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-xl font-semibold text-slate-900">{t("recoveryTitle")}</h1>
        <RecoveryCodes codes={codes}>
          <Link href="/account" className="text-sm font-medium text-brand-700 underline">
            {t("savedCodes")}
          </Link>
        </RecoveryCodes>
      </div>
    );
  }
  const secret = await pendingTotpSecret(db, rt.kek, user.id);
  if (!secret) redirect("/account");
  const error = (await searchParams).error === "invalid_code" ? "invalid_code" : undefined;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold text-slate-900">{t("enrolTitle")}</h1>
      <TotpEnrolmentForm
        enrolment={await totpEnrolment(secret, user.email)}
        action="/api/account/two-factor/totp/confirm"
        hidden={{ token: twoFactorFormToken(user.id) }}
        error={error}
        secondary={
          <Link
            href="/account"
            className="inline-flex min-h-10 flex-1 items-center justify-center rounded-lg bg-white px-4 py-2 text-sm font-semibold text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
          >
            {t("cancel")}
          </Link>
        }
      />
    </div>
  );
}
