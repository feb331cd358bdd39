import { Logo } from "@/components/ui/logo";
import type { ClientSummary } from "@/lib/provider-pages/data";
import { AppLogo } from "./app-logo";

/** The app's logo (or initials) beside Latchkey's: who asks, and who vouches for the account. */
export function LogoPair({ client, name, alt }: { client: ClientSummary; name: string; alt: string }) {
  const branding = client.branding;
  return (
    <div className="mb-5 flex items-center justify-center gap-3">
      <AppLogo name={name} src={branding?.logoUrl ?? ""} darkSrc={branding?.logoDarkUrl} alt={alt} />
      <span aria-hidden className="flex gap-1">
        <span className="size-1.5 rounded-full bg-slate-300" />
        <span className="size-1.5 rounded-full bg-slate-300" />
        <span className="size-1.5 rounded-full bg-slate-300" />
      </span>
      <Logo className="size-14" />
    </div>
  );
}
