import { createServer, type IncomingMessage, type Server, ServerResponse } from "node:http";
import { type AddressInfo, Server as NetServer } from "node:net";
import type { KoaContextWithOIDC } from "oidc-provider";
import { createRecovery } from "../account-email/recovery";
import { createPasswordRoutes } from "../account-email/routes";
import { builtInClientRecord, consoleAuth } from "../console/built-in-clients";
import { DatabaseProbe, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "../db/availability";
import { connect } from "../db/client";
import { openDirectSql } from "../db/direct-sql";
import { migrate } from "../db/migrate";
import { startPurge } from "../db/purge";
import { openBatchWriter } from "../db/token-batch";
import { databaseTimeouts, type Env } from "../env";
import { databaseDownDetail } from "../errors";
import { announceIssuer } from "../issuer";
import { startLogoutDelivery } from "../logout/delivery";
import { createMailer } from "../mail/mailer";
import { withStatus } from "../mail/status";
import { ClientStore } from "../oidc/client-store";
import { createInteractions, type InteractionAction, type RenderView } from "../oidc/interactions";
import { watchSigningKeys } from "../oidc/key-ring";
import { wrappedKekId } from "../oidc/key-sealing";
import { type KeySet, loadKeys } from "../oidc/keys";
import { createProvider, type ProviderViews } from "../oidc/provider";
import { TokenBatches } from "../oidc/token-batches";
import { createTwoFactorRequirement } from "../oidc/two-factor-requirement";
import { relyingParty } from "../passkeys/relying-party";
import { URL_HEADER } from "../provider-pages/data";
import type { PageScript } from "../provider-pages/page-script";
import { createViewRenderer } from "../provider-pages/render";
import type { Stylesheet } from "../provider-pages/stylesheet";
import { createRegistrationRoutes } from "../registration/routes";
import { createRegistration } from "../registration/service";
import { selfRegistrationOpen } from "../registration/setting";
import { type Runtime, registerRuntime } from "../runtime";
import { openKek } from "../secrets/kek";
import { ensureInitialAdmin } from "../users/service";
import { refusedBadPath } from "./bad-path";
import { createConsoleGate, isConsolePath } from "./console-gate";
import { normalizeForwarded } from "./forwarded";
import { createLogger, type Logger } from "./log";
import { createResponseCache } from "./response-cache";
import { applySecurityHeaders, HSTS } from "./security-headers";

export type WebHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** A response that carries what its request's log line needs: when it started, and its path. */
class LoggedResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
  readonly started = performance.now();
  /** As the request arrived: rendering a provider page rewrites `req.method` and `req.url`. */
  method = "";
  path = "";
}

export type StartOptions = {
  env: Env;
  /** Next.js's request handler; everything that is not the provider's goes to it. */
  web: WebHandler;
  /** The end-user pages' stylesheet (lib/provider-pages/stylesheet.ts), served by this server. */
  stylesheet: Stylesheet;
  /** The end-user pages' script (passkeys; lib/provider-pages/page-script.ts), served by this server. */
  pageScript: PageScript;
  log?: Logger;
};

export type App = {
  server: Server;
  runtime: Runtime;
  /**
   * Drains, then releases everything: /healthz answers 503 at once, the port stops accepting
   * connections, requests on open connections are answered with `Connection: close`, and once
   * every connection has ended the pending token writes commit and the database disconnects.
   */
  close(): Promise<void>;
  /** Ends every connection at once (after the drain ran out of time). */
  abort(): void;
};

const interactionRoute =
  /^\/interaction\/([A-Za-z0-9_-]{1,64})(?:\/(login|confirm|abort|continue|switch|second-factor|enrol|enrolled|passkey-options|passkey))?\/?$/;

function providerViews(render: RenderView): ProviderViews {
  const take = (ctx: KoaContextWithOIDC) => {
    // The web app writes this response; Koa must leave it alone.
    ctx.respond = false;
    return [ctx.req, ctx.res] as const;
  };
  return {
    error: (ctx, view, status) => render(...take(ctx), "error", view, status),
    logout: (ctx, view) => render(...take(ctx), "logout", view),
    signedOut: (ctx, view) => render(...take(ctx), "signed-out", view),
    device: (ctx, view, status) => render(...take(ctx), "device", view, status),
  };
}

/**
 * Builds a Latchkey server: applies migrations, loads keys, creates the provider and routes
 * requests. /oidc/* goes straight to oidc-provider (no framework in between: this is the hot
 * path), /interaction/* to the sign-in and consent handlers, everything else to Next.js.
 */
export async function createApp({
  env,
  web,
  stylesheet,
  pageScript,
  log = createLogger(env.LOG_LEVEL),
}: StartOptions): Promise<App> {
  const migrations = await migrate(env.DATABASE_URL);
  if (migrations.applied.length) log.info("migrations applied", { applied: migrations.applied });
  const timeouts = databaseTimeouts(env);
  const database = await connect(env.DATABASE_URL, timeouts);
  const db = database.prisma;
  const kek = await openKek(env, () => wrappedKekId(db));
  const keys = await loadKeys(db, kek);
  const admin = await ensureInitialAdmin(db, env.INITIAL_ADMIN_EMAIL, env.INITIAL_ADMIN_PASSWORD);
  if (admin) log.info("initial admin created", { email: admin.email });
  await announceIssuer(db, env.ISSUER);

  const clients = new ClientStore(db);
  const consoleClient = consoleAuth(env, keys.cookieKeys[0]);
  clients.registerBuiltIn(builtInClientRecord(consoleClient.console));
  clients.registerBuiltIn(builtInClientRecord(consoleClient.account));
  // next-auth builds the console's callback URLs from this.
  process.env.NEXTAUTH_URL = `${env.APP_URL}/api/auth`;
  // The sign-in's hot statements, on connections of their own without Prisma (direct-sql.ts).
  const sql = await openDirectSql(env.DATABASE_URL, timeouts);
  const batches = new TokenBatches(await openBatchWriter(env.DATABASE_URL, timeouts), timeouts, (error) =>
    log.error("token batch write failed", { error }),
  );
  // Pages, the API and sign-in check the database before they start (at most about once a
  // second while it answers), so an outage is a quick 503 rather than a hung or failed page.
  const probe = new DatabaseProbe(() => db.$queryRawUnsafe("SELECT 1"), timeouts.connectMs);
  let draining = false;
  // The end-user pages the server answers itself are rendered here (React to HTML), not by Next.js.
  const render = createViewRenderer({ stylesheets: [stylesheet.href], scripts: [pageScript.href] });
  const views = providerViews(render);
  const twoFactorRequired = createTwoFactorRequirement(sql, clients);
  // oidc-provider fixes its keys when it is built, so a key change builds a new one and swaps it
  // in. Everything it stores is in the database and the cookie keys stay, so nothing is lost;
  // requests already running finish on the instance they started on.
  const build = (jwks: KeySet["jwks"]) => {
    const provider = createProvider({
      db,
      sql,
      clients,
      batches,
      keys: { jwks, cookieKeys: keys.cookieKeys },
      env,
      views,
      twoFactorRequired,
    });
    provider.on("server_error", (_ctx, error) => log.error("provider error", { error }));
    return { provider, callback: provider.callback() };
  };
  let active = build(keys.jwks);
  const providerHandler = createResponseCache(["/.well-known/openid-configuration", "/jwks"], (req, res) =>
    active.callback(req, res),
  );
  const signingKeys = watchSigningKeys({
    db,
    kek,
    initial: keys.fingerprint,
    onChange(jwks, scheduled) {
      active = build(jwks);
      providerHandler.clear();
      const signing = scheduled.filter((key) => key.status === "current").map((key) => key.id);
      log.info("signing keys reloaded", { published: scheduled.map((key) => key.id), signing });
    },
    onError: (error) => log.error("signing key check failed", { error }),
  });
  const interactions = createInteractions({
    provider: () => active.provider,
    db,
    sql,
    clients,
    kek,
    twoFactorRequired,
    csrfKey: keys.cookieKeys[0],
    secureCookies: env.APP_URL.startsWith("https://"),
    allowedOrigins: new Set([new URL(env.APP_URL).origin]),
    trustedProxies: env.TRUST_PROXY,
    relyingParty: relyingParty(env.APP_URL),
    render,
    onAuditError: (error) => log.error("audit event not recorded", { error }),
    // Called per sign-in page, after setup: `mail` below exists by then.
    registrationOpen: () => selfRegistrationOpen(db, mail),
  });
  const purge = startPurge(
    db,
    env.PURGE_INTERVAL_SECONDS,
    (error) => log.error("purge failed", { error }),
    env.AUDIT_RETENTION_DAYS,
  );

  const logouts = startLogoutDelivery({
    db,
    provider: () => active.provider,
    log,
    retryBaseMs: env.BACKCHANNEL_LOGOUT_RETRY_SECONDS * 1000,
    maxAttempts: env.BACKCHANNEL_LOGOUT_ATTEMPTS,
    timeoutMs: env.BACKCHANNEL_LOGOUT_TIMEOUT_SECONDS * 1000,
  });

  const mail = withStatus(createMailer(env, log), db, log);
  if (mail.config.mode === "off")
    log.warn("email is off: set SMTP_URL (smtp://user:pass@host:587, or log) for password recovery and invitations");

  const passwordPages = createPasswordRoutes({
    db,
    provider: () => active.provider,
    recovery: createRecovery({ db, sql, mail, log, baseUrl: env.APP_URL }),
    mail,
    csrfKey: keys.cookieKeys[0],
    allowedOrigins: new Set([new URL(env.APP_URL).origin]),
    trustedProxies: env.TRUST_PROXY,
    render,
  });

  const registrationPages = createRegistrationRoutes({
    db,
    provider: () => active.provider,
    registration: createRegistration({ db, sql, mail, log, baseUrl: env.APP_URL }),
    mail,
    csrfKey: keys.cookieKeys[0],
    allowedOrigins: new Set([new URL(env.APP_URL).origin]),
    trustedProxies: env.TRUST_PROXY,
    render,
  });

  const consoleGate = createConsoleGate(db, env.APP_URL, consoleClient.sessionSecret);

  let internalUrl: string | undefined;
  const runtime: Runtime = {
    env,
    database,
    sql,
    clients,
    get provider() {
      return active.provider;
    },
    signingKeys,
    kek,
    log,
    mail,
    console: consoleClient,
    internalUrl() {
      if (!internalUrl) throw new Error("The server is not listening yet");
      return internalUrl;
    },
  };
  registerRuntime(runtime);

  /** The provider's requests: straight to oidc-provider (the hot path, kept free of extra promises). */
  function provide(req: IncomingMessage, res: ServerResponse, url: string, path: string) {
    delete req.headers[URL_HEADER];
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
    req.url = url.slice(5) || "/";
    return providerHandler.handle(req, res, path.slice(5));
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: string, path: string) {
    delete req.headers[URL_HEADER];
    applySecurityHeaders(req, res, path);
    if (path === "/healthz") return health(res);
    if (path === stylesheet.href) return sendAsset(res, "text/css", stylesheet.css);
    if (path === pageScript.href) return sendAsset(res, "text/javascript", pageScript.js);
    if (refusedBadPath(path, res)) return;
    const match = interactionRoute.exec(path);
    if (match) {
      // Sign-in and consent answers (pages, redirects, errors) are never for a cache.
      res.setHeader("cache-control", "no-store");
      const [, uid, action] = match;
      if (!action && (req.method === "GET" || req.method === "HEAD")) return interactions.page(req, res, uid);
      if (action && req.method === "POST") return interactions[action as InteractionAction](req, res, uid);
      res.writeHead(405, { allow: action ? "POST" : "GET" });
      return void res.end();
    }
    // "Forgot password?" and the links in emails: plain forms served here, like sign-in.
    const emailed =
      path === "/password" || path.startsWith("/password/") || path === "/email/verify" || path === "/email/change";
    if (emailed && (await passwordPages(req, res, path, url)) !== false) return;
    if (path.startsWith("/register") && (await registrationPages(req, res, path, url)) !== false) return;
    if (isConsolePath(path) && !(await consoleGate(req, res, url))) return;
    // Pages learn their own URL from this (a signed-out admin returns to it after signing in).
    req.headers[URL_HEADER] = url;
    return web(req, res);
  }

  /** Answers within the connect timeout whatever the database does; 503 while draining. */
  async function health(res: ServerResponse) {
    const database = (await probe.check()) ? "ok" : "unreachable";
    const status = database === "ok" && !draining ? 200 : 503;
    const body = { status: draining ? "stopping" : status === 200 ? "ok" : "degraded", database };
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(body));
  }

  /** The pages' stylesheet or script: named by a hash of its contents, so any cache may keep it for good. */
  function sendAsset(res: ServerResponse, type: string, body: string) {
    res.writeHead(200, {
      "content-type": `${type}; charset=utf-8`,
      "cache-control": "public, max-age=31536000, immutable",
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
  }

  /** Everything but the provider: refused with a 503 while the database is unreachable. */
  async function serveWeb(req: IncomingMessage, res: ServerResponse, url: string, path: string) {
    // The pages' styles are served during an outage too: the "try again shortly" page uses them.
    if (
      path === "/healthz" ||
      path.startsWith("/_next/") ||
      path === stylesheet.href ||
      path === pageScript.href ||
      (await probe.available())
    )
      return route(req, res, url, path);
    return unavailable(req, res, path);
  }

  /** The database is unreachable: problem+json for the API, a "try again shortly" page otherwise. */
  async function unavailable(req: IncomingMessage, res: ServerResponse, path: string) {
    if (res.headersSent) return void res.end();
    applySecurityHeaders(req, res, path);
    res.setHeader("retry-after", String(RETRY_AFTER_SECONDS));
    res.setHeader("cache-control", "no-store");
    if (path.startsWith("/api/")) {
      res.writeHead(503, { "content-type": "application/problem+json" });
      const problem = { type: "about:blank", title: "Service unavailable", status: 503, detail: databaseDownDetail };
      return void res.end(JSON.stringify(problem));
    }
    await render(req, res, "error", { kind: "unavailable", error: "temporarily_unavailable" }, 503);
  }

  function failed(res: LoggedResponse, error: unknown) {
    if (isDatabaseUnavailable(error)) {
      probe.failed();
      log.warn("request failed: database unreachable", { path: res.path });
      return void unavailable(res.req, res, res.path).catch(() => res.end());
    }
    log.error("request failed", { error, path: res.path });
    if (!res.headersSent) {
      res.writeHead(500, { "content-type": "application/problem+json" });
      res.end(JSON.stringify({ type: "about:blank", title: "Internal error", status: 500 }));
    } else res.end();
  }

  // One log line per request, written when its response is finished. The listener is shared
  // (it reads the response it is called on) so no closure is made per request.
  function logRequest(this: LoggedResponse) {
    log.request(this.method, this.path, this.statusCode, Math.round((performance.now() - this.started) * 10) / 10);
  }

  const server = createServer<typeof IncomingMessage, typeof LoggedResponse>(
    { ServerResponse: LoggedResponse },
    (req, res) => {
      const url = req.url ?? "/";
      // The path only: query strings carry codes, tokens and hints that must not reach logs.
      const query = url.indexOf("?");
      const path = query === -1 ? url : url.slice(0, query);
      res.method = req.method ?? "";
      res.path = path;
      res.on("finish", logRequest);
      // From here on every reader sees the address and scheme TRUST_PROXY allows.
      if (normalizeForwarded(req, env.TRUST_PROXY) === "https") res.setHeader("strict-transport-security", HSTS);
      // Draining: answer, then close the connection, so the client moves to another instance.
      if (draining) res.setHeader("connection", "close");
      try {
        const done =
          path === "/oidc" || path.startsWith("/oidc/") ? provide(req, res, url, path) : serveWeb(req, res, url, path);
        if (done instanceof Promise) done.catch((error) => failed(res, error));
      } catch (error) {
        failed(res, error);
      }
    },
  );

  server.on("listening", () => {
    const { address, port } = server.address() as AddressInfo;
    const host =
      address === "0.0.0.0" || address === "::" ? "127.0.0.1" : address.includes(":") ? `[${address}]` : address;
    internalUrl = `http://${host}:${port}`;
  });

  async function close() {
    draining = true;
    purge.stop();
    signingKeys.stop();
    // Stop accepting connections, but not the way http.Server.close() does: it also cuts idle
    // keep-alive connections, and a client (a proxy) may be sending its next request on one at
    // that very moment, which it then sees reset. Idle connections end by their keep-alive
    // timeout (announced to clients, which stop reusing them before it), or after their next
    // request, answered with Connection: close.
    if (server.listening) await new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
    registerRuntime(undefined);
    await logouts.stop();
    await batches.close();
    await sql.close();
    await db.$disconnect();
  }

  function abort() {
    server.closeAllConnections();
  }

  return { server, runtime, close, abort };
}
