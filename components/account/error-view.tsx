import { useTranslations } from "next-intl";
import type { ErrorKind, ErrorView as View } from "@/lib/provider-pages/data";
import { RedirectProblem } from "./redirect-problem";

/** Each kind of error, and its title and explanation in the `account.error` catalog. */
export const errorCatalogKeys: Record<ErrorKind, string> = {
  unknown_client: "unknownClient",
  bad_redirect_uri: "badRedirectUri",
  expired: "expired",
  access_denied: "accessDenied",
  generic: "generic",
  unavailable: "unavailable",
};

/**
 * An error page: what happened in the reader's words, and (when the server knows) the error code
 * and description for the app's administrator. Without `view`: a page opened directly (`/error?kind=`).
 */
export function ErrorView({ view, kind = view?.kind ?? "generic" }: { view?: View; kind?: ErrorKind }) {
  const t = useTranslations("account.error");
  const key = errorCatalogKeys[kind];
  return (
    <>
      {view?.redirect ? (
        <RedirectProblem redirect={view.redirect} />
      ) : (
        <>
          <h1 className="text-xl font-semibold text-slate-900">{t(`${key}.title`)}</h1>
          <p className="mt-2 text-sm text-slate-600">{t(`${key}.body`)}</p>
        </>
      )}
      {view && (
        <details className="mt-6 text-xs text-slate-500">
          <summary className="cursor-pointer">{t("details")}</summary>
          {/* The error code and the provider's own description, as they are: for the app's administrator. */}
          <p className="mt-2 break-words font-mono" lang="en">
            {view.error}
            {view.description ? `: ${view.description}` : ""}
          </p>
        </details>
      )}
    </>
  );
}
