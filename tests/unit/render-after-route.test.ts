import type { KoaContextWithOIDC } from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logoutFormXsrf } from "../../lib/oidc/internals";
import { renderAfterRoute, renderedAfterRoute } from "../../lib/oidc/render-after-route";
import { browse, type MemoryProvider, signIn, startMemoryProvider } from "./support/memory-provider";

/**
 * The sign-out page carries an xsrf value that oidc-provider checks against the session when the
 * user confirms; the session is stored after logoutSource returns. A page sent from inside the
 * hook could be confirmed before it is stored (seen as "could not find logout details" under load).
 */
const REDIRECT = "http://127.0.0.1/callback";
let mp: MemoryProvider;
/** What the stored session held at the moment each sign-out page was sent. */
const storedAtRender: (string | undefined)[] = [];

async function storedXsrf(ctx: KoaContextWithOIDC) {
  const stored = await ctx.oidc.provider.Session.find(ctx.oidc.session?.jti ?? "");
  return (stored as { state?: { secret?: string } } | undefined)?.state?.secret;
}

beforeAll(async () => {
  const logoutSource = async (ctx: KoaContextWithOIDC, form: string) => {
    renderAfterRoute(ctx, async () => {
      storedAtRender.push(await storedXsrf(ctx));
      ctx.respond = false;
      ctx.res.setHeader("content-type", "text/html");
      ctx.res.end(form);
    });
  };
  mp = await startMemoryProvider(
    { features: { rpInitiatedLogout: { enabled: true, logoutSource } } },
    (provider, clients) => {
      provider.use(renderedAfterRoute);
      clients.set("app", { client_id: "app", client_secret: "app-secret", redirect_uris: [REDIRECT] });
    },
  );
});
afterAll(() => mp?.close());

describe("a page rendered after oidc-provider's route", () => {
  it("is sent only once the session holding the sign-out's xsrf is stored", async () => {
    const { jar } = await signIn(mp, "app", REDIRECT);
    const page = await browse(jar, `${mp.url}/oidc/session/end?client_id=app`);
    expect(page.status).toBe(200);
    const xsrf = logoutFormXsrf(await page.text());
    expect(storedAtRender).toEqual([xsrf]);

    const confirmed = await browse(jar, `${mp.url}/oidc/session/end/confirm`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ xsrf, logout: "yes" }),
    });
    expect(confirmed.status).toBe(303);
  });
});
