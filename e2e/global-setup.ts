import { createServer } from "node:http";
import { startServer, tempSqlite } from "../tests/support/server";

/** One user per Playwright project, so consent given in one viewport does not skip it in the other. */
export const userFor = (project: string) => ({ email: `lin.${project}@example.com`, password: "a-long-passphrase" });
/** One console admin per project as well. */
export const adminFor = (project: string) => ({ email: `ada.${project}@example.com`, password: "admin-passphrase" });
const projects = ["desktop", "phone"];

/** One server on a fresh SQLite file for the browser tests, with a user and two apps. */
export default async function globalSetup() {
  // The "app": a page that answers the redirect URI, so the browser lands somewhere real.
  const app = createServer((req, res) => {
    if (req.url === "/logo.svg") {
      // A logo for branded consent pages: the app's own image, from the app's own host.
      res.writeHead(200, { "content-type": "image/svg+xml" });
      return res.end(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#0f766e"/><path d="M16 44V20h8l8 14 8-14h8v24h-7V31l-9 15-9-15v13z" fill="#fff"/></svg>',
      );
    }
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<!doctype html><title>App</title><h1>App callback</h1>");
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const address = app.address();
  const REDIRECT = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/callback`;
  const db = tempSqlite();
  const server = await startServer(db.url);
  const json = (...args: string[]) => {
    const result = server.cli(...args, "--json");
    if (result.status !== 0) throw new Error(result.stderr);
    return JSON.parse(result.stdout);
  };
  for (const project of projects) {
    const user = userFor(project);
    json("users", "create", "--email", user.email, "--password", user.password, "--name", "Lin Wei");
    const admin = adminFor(project);
    json("admins", "create", "--email", admin.email, "--password", admin.password, "--name", "Ada Admin");
  }
  const wiki = json(
    "apps",
    "create",
    ...["--name", "Acme Wiki", "--type", "third-party", "--redirect-uri", REDIRECT],
    ...["--scope", "profile", "--scope", "email", "--scope", "phone"],
  );
  const portal = json("apps", "create", "--name", "Staff Portal", "--type", "traditional", "--redirect-uri", REDIRECT);
  // Workers inherit the environment globalSetup leaves behind.
  process.env.LATCHKEY_E2E = JSON.stringify({
    url: server.url,
    issuer: server.issuer,
    redirect: REDIRECT,
    wiki,
    portal,
  });
  return async () => {
    await server.stop();
    app.close();
    db.cleanup();
  };
}
