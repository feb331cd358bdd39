// The end-user pages' script, bundled for browsers (lib/provider-pages/page-script.ts). The pages
// work without it (password, codes); it only shows and runs the passkey buttons, which need it.
// A `[data-passkey]` block carries what it needs: the interaction's address, the anti-forgery
// token and the messages to show (already in the reader's language).
import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
} from "@simplewebauthn/browser";

type Answer = { location?: string; error?: string };

function post(url: string, body: Record<string, string>) {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
}

function setUp(block: HTMLElement) {
  const base = block.dataset.passkey ?? "";
  const csrf = block.dataset.csrf ?? "";
  const button = block.querySelector<HTMLButtonElement>("button[data-passkey-start]");
  const alert = block.querySelector<HTMLElement>("[data-passkey-alert]");
  if (!base || !button || !alert) return;

  const show = (message: string | undefined) => {
    alert.textContent = message ?? "";
    alert.hidden = !message;
  };

  async function options(): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const response = await post(`${base}/passkey-options`, { csrf });
    if (!response.ok) throw new Error(`options: ${response.status}`);
    return (await response.json()) as PublicKeyCredentialRequestOptionsJSON;
  }

  async function finish(credential: unknown) {
    const response = await post(`${base}/passkey`, { csrf, response: JSON.stringify(credential) });
    const answer = (await response.json().catch(() => ({}))) as Answer;
    if (response.ok && answer.location) return window.location.assign(answer.location);
    show(answer.error === "too_many_attempts" ? block.dataset.tooMany : block.dataset.failed);
  }

  /** A ceremony the user cancelled, or that a newer one replaced, says nothing. */
  const quiet = (error: unknown) =>
    error instanceof Error && (error.name === "AbortError" || error.name === "NotAllowedError");

  button.addEventListener("click", async () => {
    button.disabled = true;
    show(undefined);
    try {
      await finish(await startAuthentication({ optionsJSON: await options() }));
    } catch (error) {
      show(quiet(error) ? block.dataset.cancelled : block.dataset.failed);
    } finally {
      button.disabled = false;
    }
  });
  block.hidden = false;

  // The browser's autofill offers passkeys in the email field (autocomplete="username webauthn").
  if (block.dataset.autofill === "true") {
    void browserSupportsWebAuthnAutofill().then(async (supported) => {
      if (!supported) return;
      try {
        await finish(await startAuthentication({ optionsJSON: await options(), useBrowserAutofill: true }));
      } catch (error) {
        if (!quiet(error)) show(block.dataset.failed);
      }
    });
  }
}

if (browserSupportsWebAuthn()) {
  for (const block of document.querySelectorAll<HTMLElement>("[data-passkey]")) setUp(block);
}
