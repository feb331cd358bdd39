import type { Metadata } from "next";
import { readView } from "@/lib/views-read";

export const metadata: Metadata = { title: "Signed out" };

export default async function SignedOutPage() {
  const view = await readView("signed-out");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">You are signed out</h1>
      <p className="mt-2 text-sm text-slate-600">
        {view?.clientName ? `You signed out of ${view.clientName}. ` : ""}You can close this page.
      </p>
    </>
  );
}
