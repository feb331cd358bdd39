import { notFound } from "next/navigation";
import { BrandingForm } from "@/components/applications/branding-form";
import { isThirdParty } from "@/lib/applications/types";
import { requireAdmin } from "@/lib/auth/console-session";
import { loadApplication } from "@/lib/console/loaders";

/** What users see of a third-party app on the consent page. */
export default async function BrandingPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const app = await loadApplication((await params).id);
  if (!isThirdParty(app.type)) notFound();
  return (
    <BrandingForm
      id={app.id}
      version={app.version}
      name={app.name}
      values={{
        displayName: app.displayName,
        logoUrl: app.logoUrl,
        logoDarkUrl: app.logoDarkUrl,
        termsUrl: app.termsUrl,
        privacyUrl: app.privacyUrl,
      }}
    />
  );
}
