import { useTranslations } from "next-intl";
import type { ErrorView } from "@/lib/provider-pages/data";

type Props = { redirect: NonNullable<ErrorView["redirect"]> };

/**
 * A redirect URI the app cannot use, explained to whoever met it: what the app asked for (shown
 * as text, never as a link: it is unverified), and what its administrator must change.
 */
export function RedirectProblem({ redirect }: Props) {
  const t = useTranslations("account.error.badRedirectUri");
  const app = redirect.appName;
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t(redirect.noneRegistered ? "noneTitle" : "title")}</h1>
      <p className="mt-2 text-sm text-slate-600">
        {app ? t(redirect.noneRegistered ? "none" : "mismatch", { app }) : t("body")}
      </p>
      {redirect.requested && (
        <div className="mt-4">
          <p className="text-sm font-medium text-slate-800">{t("requested")}</p>
          <p
            className="mt-1 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-sm break-all text-slate-900"
            lang="en"
            data-testid="requested-redirect-uri"
          >
            {redirect.requested}
          </p>
        </div>
      )}
    </>
  );
}
