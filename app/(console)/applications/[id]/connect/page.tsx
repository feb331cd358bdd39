import { notFound } from "next/navigation";
import { ConnectService } from "@/components/applications/connect-service";
import { isThirdParty } from "@/lib/applications/types";
import { requireAdmin } from "@/lib/auth/console-session";
import { loadApplication } from "@/lib/console/loaders";
import { discoveryUrl, readDiscovery } from "@/lib/oidc/discovery";
import { runtime } from "@/lib/runtime";

/** Ready-to-paste settings for the service this third-party app stands for. */
export default async function ConnectPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const app = await loadApplication((await params).id);
  if (!isThirdParty(app.type)) notFound();
  const discovery = await readDiscovery(runtime());
  return (
    <ConnectService
      app={{
        id: app.id,
        version: app.version,
        clientId: app.clientId,
        redirectUris: app.redirectUris,
        settings: {
          tokenEndpointAuthMethod: app.tokenEndpointAuthMethod as "client_secret_basic",
          pkcePolicy: app.pkcePolicy,
          alwaysIssueRefreshToken: app.alwaysIssueRefreshToken,
        },
      }}
      provider={{
        issuer: discovery.issuer,
        discoveryUrl: discoveryUrl(discovery.issuer),
        authorizationEndpoint: discovery.authorization_endpoint,
        tokenEndpoint: discovery.token_endpoint,
        userinfoEndpoint: discovery.userinfo_endpoint,
        endSessionEndpoint: discovery.end_session_endpoint,
      }}
    />
  );
}
