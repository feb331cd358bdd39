import { signIn } from "next-auth/react";
import { CONSOLE_PROVIDER_ID } from "@/lib/console/client-id";
import { postInteraction } from "../account/post-json";

/**
 * Signs the admin who just set Latchkey up in, with the password they typed a moment ago, so the
 * provider's sign-in page does not ask for it again. It takes the same road as a person would:
 * the console's authorization request, the provider's sign-in form (its address and its
 * anti-forgery token), then the form's answer, which leads back to the console signed in.
 * Any step that does not go as expected (the provider on another origin, a changed page) ends
 * on the provider's sign-in page with the email filled in, as before.
 */
export async function signInAfterSetup(email: string, password: string) {
  const fallback = () => signIn(CONSOLE_PROVIDER_ID, { callbackUrl: "/applications" }, { login_hint: email });
  try {
    const started = await signIn(
      CONSOLE_PROVIDER_ID,
      { callbackUrl: "/applications", redirect: false },
      { login_hint: email },
    );
    if (!started?.url) return fallback();
    const page = await fetch(started.url, { credentials: "same-origin" });
    const form = new URL(page.url);
    const uid =
      form.origin === window.location.origin ? /^\/interaction\/([^/]+)$/.exec(form.pathname)?.[1] : undefined;
    const csrf = new DOMParser()
      .parseFromString(await page.text(), "text/html")
      .querySelector<HTMLInputElement>('input[name="csrf"]')?.value;
    if (!uid || !csrf) return window.location.assign(started.url);
    const result = await postInteraction(`/interaction/${uid}/login`, { email, password, csrf });
    if (!result.ok) window.location.assign(started.url);
  } catch {
    await fallback();
  }
}
