import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { readView } from "@/lib/views-read";

export const metadata: Metadata = { title: "Sign out" };

/** RP-initiated logout asks before ending the session (the provider renders this page). */
export default async function SignOutPage() {
  const view = await readView("logout");
  if (!view) redirect("/error?kind=expired");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Sign out?</h1>
      <p className="mt-2 text-sm text-slate-600">
        {view.clientName
          ? `${view.clientName} asked to sign you out of Latchkey.`
          : "You are about to sign out of Latchkey."}
      </p>
      <form method="post" action={view.action} className="mt-6 flex flex-col-reverse gap-2 sm:flex-row">
        <input type="hidden" name="xsrf" value={view.xsrf} />
        <Button type="submit" variant="secondary" className="flex-1">
          Stay signed in
        </Button>
        <Button type="submit" name="logout" value="yes" className="flex-1" autoFocus>
          Sign out
        </Button>
      </form>
    </>
  );
}
