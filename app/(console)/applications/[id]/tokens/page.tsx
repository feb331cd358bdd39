import { TokenSettingsForm } from "@/components/applications/token-settings-form";
import { hasClientSecret } from "@/lib/applications/types";
import { requireAdmin } from "@/lib/auth/console-session";
import { loadApplication } from "@/lib/console/loaders";

/** Lifetimes and refresh-token behaviour of the tokens this app receives. */
export default async function TokensPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const app = await loadApplication((await params).id);
  return (
    <TokenSettingsForm
      id={app.id}
      version={app.version}
      machine={app.type === "m2m"}
      confidential={hasClientSecret(app.type)}
      native={app.type === "native"}
      values={{
        accessTokenTtl: app.accessTokenTtl,
        refreshTokenTtl: app.refreshTokenTtl,
        alwaysIssueRefreshToken: app.alwaysIssueRefreshToken,
        rotateRefreshToken: app.rotateRefreshToken,
        pkcePolicy: app.pkcePolicy,
        requirePar: app.requirePar,
        tokenEndpointAuthMethod: app.tokenEndpointAuthMethod,
        deviceFlow: app.deviceFlow,
        requireTwoFactor: app.requireTwoFactor,
        jwks: app.jwks,
        jwksUri: app.jwksUri,
      }}
    />
  );
}
