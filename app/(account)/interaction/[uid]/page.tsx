import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ConsentForm } from "@/components/account/consent-form";
import { ScopeList } from "@/components/account/scope-list";
import { SignInForm } from "@/components/account/sign-in-form";
import { readView } from "@/lib/views-read";

export const metadata: Metadata = { title: "Sign in" };

export default async function InteractionPage() {
  const view = await readView("interaction");
  // Only the server renders this page with a resolved interaction; anything else is stale.
  if (!view) redirect("/error?kind=expired");

  if (view.kind === "login") {
    return (
      <>
        <h1 className="text-xl font-semibold text-slate-900">Sign in</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">
          to continue to <strong className="font-semibold text-slate-900">{view.client.name}</strong>
        </p>
        <SignInForm uid={view.uid} csrf={view.csrf} loginHint={view.loginHint} initialError={view.error} />
      </>
    );
  }

  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{view.client.name} wants to access your account</h1>
      <p className="mt-1 text-sm text-slate-600">
        Signed in as <strong className="font-medium text-slate-900">{view.account.email}</strong>
      </p>
      <div className="my-6 flex flex-col gap-2">
        {view.scopes.length > 0 ? (
          <>
            <p className="text-sm font-medium text-slate-800">It will be able to see:</p>
            <ScopeList scopes={view.scopes} />
          </>
        ) : (
          <p className="text-sm text-slate-700">It will be able to confirm who you are.</p>
        )}
      </div>
      <ConsentForm uid={view.uid} csrf={view.csrf} appName={view.client.name} />
      <p className="mt-4 text-xs text-slate-500">
        Only authorize apps you trust. You can take this access back at any time.
      </p>
    </>
  );
}
