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
  const app = createServer((_req, res) => {
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
