import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ErrorView, errorCatalogKeys } from "@/components/account/error-view";
import type { ErrorKind } from "@/lib/provider-pages/data";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.error");
  return { title: t("title") };
}

type Props = { searchParams: Promise<{ kind?: string }> };

/** An error page opened by address (`/error?kind=expired`); the server renders the ones with details itself. */
export default async function ErrorPage({ searchParams }: Props) {
  const requested = (await searchParams).kind;
  const kind = requested && Object.hasOwn(errorCatalogKeys, requested) ? (requested as ErrorKind) : "generic";
  return <ErrorView kind={kind} />;
}
