import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieBrowser, codeWithPkce } from "../support/browserless";
import { databaseKinds } from "../support/databases";
import type { TestServer } from "../support/server";
import { startWithWebApp } from "../support/tokens";

const REDIRECT = "http://127.0.0.1:9/callback";
const USER = { email: "grace@example.com", password: "hopper-1906-cobol" };
const SCOPE = "openid offline_access";
const ROUNDS = 5;
const RACERS = 10;

type Tokens = { access_token: string; refresh_token?: string };

// RFC 6749 §4.1.2 and RFC 9700 §4.14: a code or rotated refresh token presented twice revokes
// everything issued from it, even when the second presentation races the first.
describe.each(databaseKinds)("reuse on %s", (kind) => {
  let server: TestServer;
  let cleanup: () => void;
  let app: { clientId: string; clientSecret: string };
  const browser = new CookieBrowser();

  beforeAll(async () => {
    ({ server, app, cleanup } = await startWithWebApp(kind, USER, REDIRECT));
  });
  afterAll(async () => {
    await server?.stop();
    cleanup?.();
  });

  const basic = () => `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64")}`;
  const post = (path: string, params: Record<string, string>) =>
    fetch(`${server.issuer}${path}`, {
      method: "POST",
      headers: { authorization: basic(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(params),
      signal: AbortSignal.timeout(30_000),
    });
  const active = async (token: string) =>
    ((await (await post("/token/introspection", { token })).json()) as { active: boolean }).active;

  /** A fresh code (the user is signed in after the first round), with its PKCE verifier. */
  const code = () =>
    codeWithPkce(browser, server.issuer, { clientId: app.clientId, redirectUri: REDIRECT, scope: SCOPE }, USER);

  /** The same request from RACERS clients at once: the answers, winners first. */
  async function race(params: Record<string, string>) {
    const answers = await Promise.all(
      Array.from({ length: RACERS }, async () => {
        const response = await post("/token", params);
        return { status: response.status, body: (await response.json()) as Tokens & { error?: string } };
      }),
    );
    return answers.sort((a, b) => a.status - b.status);
  }

  it("revokes the winner's tokens every time a code is redeemed concurrently", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { code: value, verifier } = await code();
      const answers = await race({
        grant_type: "authorization_code",
        code: value,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      });
      // Exactly one redemption wins, and none of what it issued works, whatever the timing.
      expect(answers.map((a) => a.status)).toEqual([200, ...Array(RACERS - 1).fill(400)]);
      for (const loser of answers.slice(1)) expect(loser.body.error).toBe("invalid_grant");
      const winner = answers[0].body;
      expect(await active(winner.access_token), `round ${round}: access token`).toBe(false);
      expect(await active(winner.refresh_token ?? ""), `round ${round}: refresh token`).toBe(false);
    }
  });

  it("revokes the whole family every time a refresh token is used concurrently", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { code: value, verifier } = await code();
      const first = await post("/token", {
        grant_type: "authorization_code",
        code: value,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      });
      const issued = (await first.json()) as Tokens;
      expect(issued.refresh_token).toBeTruthy();
      const answers = await race({ grant_type: "refresh_token", refresh_token: issued.refresh_token ?? "" });
      expect(answers.map((a) => a.status)).toEqual([200, ...Array(RACERS - 1).fill(400)]);
      for (const loser of answers.slice(1)) expect(loser.body.error).toBe("invalid_grant");
      const winner = answers[0].body;
      for (const [name, token] of Object.entries({
        "first access token": issued.access_token,
        "rotated refresh token": winner.refresh_token ?? "",
        "winner's access token": winner.access_token,
      }))
        expect(await active(token), `round ${round}: ${name}`).toBe(false);
    }
  });
});
