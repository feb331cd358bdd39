import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ConsoleSignIn } from "@/components/console/console-sign-in";
import { currentUser } from "@/lib/auth/console-session";
import { safeReturnPath } from "@/lib/console/return-path";
import { runtime } from "@/lib/runtime";
import { countAdmins } from "@/lib/users/service";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("console.signIn");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The console's front door: hands over to the provider's sign-in page (the console is its client). */
export default async function ConsoleSignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const returnTo = safeReturnPath(params.callbackUrl, runtime().env.APP_URL);
  const user = await currentUser();
  if (user?.role === "admin") redirect(returnTo);
  if ((await countAdmins(runtime().database.prisma)) === 0) redirect("/setup");
  // Signed in, but not as an admin (say, on the account page): offer to switch accounts.
  const error = user ? "not_admin" : typeof params.error === "string" ? params.error : undefined;
  return <ConsoleSignIn returnTo={returnTo} error={error} signedOut={params.signed_out !== undefined} />;
}
