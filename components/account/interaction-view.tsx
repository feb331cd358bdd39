import type { InteractionView as View } from "@/lib/provider-pages/data";
import { AccessDeniedView } from "./access-denied-view";
import { useClientName } from "./client-name";
import { ConsentView } from "./consent-view";
import { RecoveryCodesView, SecondFactorEnrolView } from "./second-factor-enrol-view";
import { SecondFactorView } from "./second-factor-view";
import { SelectAccountView } from "./select-account-view";
import { SignInView } from "./sign-in-view";

/** A step of an authorization request: sign in, consent, choose the account, a second factor (or setting one up), or refused by the app's access rule. */
export function InteractionView({ view }: { view: View }) {
  const appName = useClientName()(view.client.clientId, view.client.name);
  if (view.kind === "consent") return <ConsentView view={view} appName={appName} />;
  if (view.kind === "select_account") return <SelectAccountView view={view} appName={appName} />;
  if (view.kind === "access_denied") return <AccessDeniedView view={view} appName={appName} />;
  if (view.kind === "second_factor") return <SecondFactorView view={view} appName={appName} />;
  if (view.kind === "second_factor_enrol") return <SecondFactorEnrolView view={view} appName={appName} />;
  if (view.kind === "recovery_codes") return <RecoveryCodesView view={view} appName={appName} />;
  return <SignInView view={view} appName={appName} />;
}
