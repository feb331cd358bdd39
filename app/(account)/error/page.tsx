import type { Metadata } from "next";
import type { ErrorKind } from "@/lib/views";
import { readView } from "@/lib/views-read";

export const metadata: Metadata = { title: "Something went wrong" };

const explanations: Record<ErrorKind, { title: string; body: string }> = {
  unknown_client: {
    title: "This app is not registered",
    body: "The app that sent you here is not known to this sign-in service. Its administrator needs to check its client ID.",
  },
  bad_redirect_uri: {
    title: "This app is not set up correctly",
    body: "The address this app asked to return you to is not one it registered, so you were not sent there. Its administrator needs to add the exact redirect URI in Latchkey.",
  },
  expired: {
    title: "This sign-in link has expired",
    body: "The sign-in took too long or was already completed. Go back to the app and start signing in again.",
  },
  access_denied: { title: "Access was not granted", body: "The request was cancelled. You can close this page." },
  generic: {
    title: "Something went wrong",
    body: "The sign-in request could not be completed. Go back to the app and try again.",
  },
};

type Props = { searchParams: Promise<{ kind?: string }> };

export default async function ErrorPage({ searchParams }: Props) {
  const view = await readView("error");
  const requested = (await searchParams).kind;
  const kind: ErrorKind = view?.kind ?? (requested && requested in explanations ? (requested as ErrorKind) : "generic");
  const { title, body } = explanations[kind];
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
      <p className="mt-2 text-sm text-slate-600">{body}</p>
      {view && (
        <details className="mt-6 text-xs text-slate-500">
          <summary className="cursor-pointer">Details for the app&apos;s administrator</summary>
          <p className="mt-2 break-words font-mono">
            {view.error}
            {view.description ? `: ${view.description}` : ""}
          </p>
        </details>
      )}
    </>
  );
}
