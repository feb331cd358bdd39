import { notFound } from "next/navigation";
import { BrandingForm } from "@/components/applications/branding-form";
import { isThirdParty } from "@/lib/applications/types";
import { loadApplication } from "@/lib/console/load-application";

/** What users see of a third-party app on the consent page. */
export default async function BrandingPage({ params }: { params: Promise<{ id: string }> }) {
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
