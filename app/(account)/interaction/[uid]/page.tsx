import { redirect } from "next/navigation";

/**
 * The server answers /interaction/:uid itself (lib/oidc/interactions.ts, rendered by
 * lib/provider-pages/render.tsx); an address it does not take (a malformed uid) is stale.
 */
export default function InteractionPage() {
  redirect("/error?kind=expired");
}
