import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Nginx, nginxPort, startNginx } from "../support/nginx";
import { callApi, signInToPages } from "../support/pages-session";
import { startServer, type TestServer, tempSqlite } from "../support/server";
import { openSignIn } from "../support/sign-in-attempts";

const ADMIN = { email: "root@example.com", password: "admin-passphrase" };
/** The client's own address: any 127/8 address reaches nginx on loopback; this one is not Latchkey's peer. */
const CLIENT = "127.0.0.3";

/** Posts a form from CLIENT's address, as node's fetch cannot choose its source address. */
function postFrom(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers, localAddress: CLIENT }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** The README's nginx setup in front of Latchkey with TRUST_PROXY=1. */
describe("behind nginx", () => {
  let cleanup: () => void;
  let server: TestServer;
  let nginx: Nginx;

  beforeAll(async () => {
    const db = tempSqlite();
    cleanup = db.cleanup;
    const port = await nginxPort();
    server = await startServer(db.url, { TRUST_PROXY: "1", APP_URL: `http://127.0.0.1:${port}` });
    nginx = await startNginx(port, server.url);
    expect((await server.cli("admins", "create", "--email", ADMIN.email, "--password", ADMIN.password)).status).toBe(0);
  });

  afterAll(async () => {
    await nginx?.stop();
    await server?.stop();
    cleanup?.();
  });

  it("records the address nginx saw, whatever X-Forwarded-For the client sent", async () => {
    const signIn = await openSignIn(nginx.url);
    const email = "guesser@example.com";
    const action = `${new URL(signIn.pageUrl).origin}${new URL(signIn.pageUrl).pathname}/login`;
    const csrf = /name="csrf" value="([^"]*)"/.exec(signIn.html)?.[1] ?? "";
    const status = await postFrom(
      action,
      {
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
        origin: nginx.url,
        cookie: signIn.browser.cookieHeader(),
        "x-forwarded-for": "6.6.6.6",
      },
      new URLSearchParams({ email, password: "wrong", csrf }).toString(),
    );
    expect(status).toBe(400);

    const admin = await signInToPages(nginx.url, ADMIN);
    const audit = await callApi(admin, nginx.url, "GET", "/api/v1/audit?type=sign_in.failed");
    const event = (audit.body.items as { actor: string; ip: string }[]).find((item) => item.actor === email);
    expect(event?.ip).toBe(CLIENT);
  });
});
