import { redirect } from "next/navigation";

/** The provider renders the sign-out question at /oidc/session/end; this address on its own has nothing to ask. */
export default function SignOutPage() {
  redirect("/error?kind=expired");
}
