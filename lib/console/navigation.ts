import { headers } from "next/headers";
import { URL_HEADER } from "../provider-pages/data";

/** This request's path and query, as the server saw it (for returning after sign-in). */
export async function currentPath(): Promise<string> {
  const value = (await headers()).get(URL_HEADER) ?? "/";
  return value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export function endSessionUrl(issuer: string, clientId: string, postLogoutRedirectUri: string): string {
  const params = new URLSearchParams({ client_id: clientId, post_logout_redirect_uri: postLogoutRedirectUri });
  return `${issuer}/session/end?${params}`;
}
