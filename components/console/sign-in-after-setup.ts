import { signIn } from "next-auth/react";
import { CONSOLE_PROVIDER_ID } from "@/lib/console/client-id";
import { postInteraction } from "../account/post-json";

/**
 * Signs the admin who just set Latchkey up in, with the password they typed a moment ago, so the
 * provider's sign-in page does not ask for it again. It takes the same road as a person would:
 * the console's authorization request (next-auth's sign-in endpoint answers with its address),
 * the provider's sign-in form (its address and its anti-forgery token), then the form's answer,
 * which leads back to the console signed in. next-auth's own signIn() cannot stop before the
 * provider for an OAuth provider, hence the two requests it would make, made here. Any step that
 * does not go as expected (the provider on another origin, a changed page) ends on the provider's
 * sign-in page with the email filled in, as before.
 */
export async function signInAfterSetup(email: string, password: string) {
  const callbackUrl = "/applications";
  const fallback = () => signIn(CONSOLE_PROVIDER_ID, { callbackUrl }, { login_hint: email });
  try {
    const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const started = await fetch(
      `/api/auth/signin/${CONSOLE_PROVIDER_ID}?${new URLSearchParams({ login_hint: email })}`,
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
      },
    );
    const { url } = (await started.json()) as { url?: string };
    if (!url) return await fallback();
    const page = await fetch(url, { credentials: "same-origin" });
    const form = new URL(page.url);
    const uid =
      form.origin === window.location.origin ? /^\/interaction\/([^/]+)$/.exec(form.pathname)?.[1] : undefined;
    const csrf = new DOMParser()
      .parseFromString(await page.text(), "text/html")
      .querySelector<HTMLInputElement>('input[name="csrf"]')?.value;
    if (!uid || !csrf) return window.location.assign(url);
    const result = await postInteraction(`/interaction/${uid}/login`, { email, password, csrf });
    if (!result.ok) window.location.assign(url);
  } catch {
    await fallback();
  }
}
