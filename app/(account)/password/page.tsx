import { redirect } from "next/navigation";

/**
 * The server answers /password/* itself (lib/account-email/routes.ts, rendered by
 * lib/provider-pages/render.tsx); /password alone starts at the form.
 */
export default function PasswordRoute() {
  redirect("/password/forgot");
}
