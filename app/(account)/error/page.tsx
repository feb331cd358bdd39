import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RedirectProblem } from "@/components/account/redirect-problem";
import type { ErrorKind } from "@/lib/provider-pages/data";
import { readView } from "@/lib/provider-pages/read";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.error");
  return { title: t("title") };
}

/** Each kind of error the server renders, and its title and explanation in the `account.error` catalog. */
const catalogKeys: Record<ErrorKind, string> = {
  unknown_client: "unknownClient",
  bad_redirect_uri: "badRedirectUri",
  expired: "expired",
  access_denied: "accessDenied",
  generic: "generic",
  unavailable: "unavailable",
};

type Props = { searchParams: Promise<{ kind?: string }> };

export default async function ErrorPage({ searchParams }: Props) {
  const view = await readView("error");
  const requested = (await searchParams).kind;
  const kind: ErrorKind = view?.kind ?? (requested && requested in catalogKeys ? (requested as ErrorKind) : "generic");
  const t = await getTranslations("account.error");
  const key = catalogKeys[kind];
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
