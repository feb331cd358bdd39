import { useTranslations } from "next-intl";

/**
 * "Not you? Use another account": a plain form post (no script needed) that shows the sign-in
 * page again for this same request. Signing in as someone else ends the current session first.
 */
export function AccountSwitch({ uid, csrf }: { uid: string; csrf: string }) {
  const t = useTranslations("account.consent");
  return (
    <form method="post" action={`/interaction/${uid}/switch`} className="mt-1 text-sm text-slate-600">
      <input type="hidden" name="csrf" value={csrf} />
      {t("notYou")}{" "}
      <button type="submit" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600">
        {t("useAnother")}
      </button>
    </form>
  );
}
