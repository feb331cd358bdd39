import { createServer, type IncomingMessage, type Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { KoaContextWithOIDC } from "oidc-provider";
import { builtInClientRecord, consoleAuth } from "../console/client";
import { connect } from "../db/client";
import { migrate } from "../db/migrate";
import { startPurge } from "../db/purge";
import { writeTokenBatch } from "../db/token-batch";
import type { Env } from "../env";
import { ClientStore } from "../oidc/client-store";
import { createInteractions, type RenderView } from "../oidc/interactions";
import { watchSigningKeys } from "../oidc/key-ring";
import { wrappedKekId } from "../oidc/key-sealing";
import { type KeySet, loadKeys } from "../oidc/keys";
import { createProvider, type ProviderViews } from "../oidc/provider";
import { TokenBatches } from "../oidc/token-batches";
import { type Runtime, registerRuntime } from "../runtime";
import { openKek } from "../secrets/kek";
import { ensureInitialAdmin } from "../users/service";
import { URL_HEADER, VIEW_HEADER } from "../views";
import { createLogger, type Logger } from "./log";
import { createResponseCache } from "./response-cache";
import { createViewRenderer } from "./views";

export type WebHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** A response that carries what its request's log line needs: when it started, and its path. */
class LoggedResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
  readonly started = performance.now();
  path = "";
}

export type StartOptions = {
  env: Env;
  /** Next.js's request handler; everything that is not the provider's goes to it. */
  web: WebHandler;
  log?: Logger;
};

export type App = { server: Server; runtime: Runtime; close(): Promise<void> };

const interactionRoute = /^\/interaction\/([A-Za-z0-9_-]{1,64})(?:\/(login|confirm|abort))?\/?$/;

const securityHeaders: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin", // see next.config.js
  "content-security-policy": "frame-ancestors 'none'",
  "x-frame-options": "DENY",
};

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
  };
}

/**
 * Builds a Latchkey server: applies migrations, loads keys, creates the provider and routes
 * requests. /oidc/* goes straight to oidc-provider (no framework in between: this is the hot
 * path), /interaction/* to the sign-in and consent handlers, everything else to Next.js.
 */
export async function createApp({ env, web, log = createLogger(env.LOG_LEVEL) }: StartOptions): Promise<App> {
  const migrations = await migrate(env.DATABASE_URL);
  if (migrations.applied.length) log.info("migrations applied", { applied: migrations.applied });
  const database = await connect(env.DATABASE_URL);
  const db = database.prisma;
  const kek = await openKek(env, () => wrappedKekId(db));
  const keys = await loadKeys(db, kek);
  const admin = await ensureInitialAdmin(db, env.INITIAL_ADMIN_EMAIL, env.INITIAL_ADMIN_PASSWORD);
  if (admin) log.info("initial admin created", { email: admin.email });

  const clients = new ClientStore(db);
  const consoleClient = consoleAuth(env, keys.cookieKeys[0]);
  clients.registerBuiltIn(builtInClientRecord(consoleClient.console));
  clients.registerBuiltIn(builtInClientRecord(consoleClient.account));
  // next-auth builds the console's callback URLs from this.
  process.env.NEXTAUTH_URL = `${env.APP_URL}/api/auth`;
  const batches = new TokenBatches(
    env.DATABASE_URL,
    (batch) => writeTokenBatch(db, batch),
    (error) => log.error("token batch write failed", { error }),
  );
  const render = createViewRenderer(web);
  const views = providerViews(render);
  // oidc-provider fixes its keys when it is built, so a key change builds a new one and swaps it
  // in. Everything it stores is in the database and the cookie keys stay, so nothing is lost;
  // requests already running finish on the instance they started on.
  const build = (jwks: KeySet["jwks"]) => {
    const provider = createProvider({ db, clients, batches, keys: { jwks, cookieKeys: keys.cookieKeys }, env, views });
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
    clients,
    csrfKey: keys.cookieKeys[0],
    allowedOrigins: new Set([new URL(env.APP_URL).origin]),
    trustProxy: env.TRUST_PROXY,
    render,
    onAuditError: (error) => log.error("audit event not recorded", { error }),
  });
  const purge = startPurge(
    db,
    env.PURGE_INTERVAL_SECONDS,
    (error) => log.error("purge failed", { error }),
    env.AUDIT_RETENTION_DAYS,
  );

  let internalUrl: string | undefined;
  const runtime: Runtime = {
    env,
    database,
    clients,
    get provider() {
      return active.provider;
    },
    signingKeys,
    kek,
    log,
    console: consoleClient,
    internalUrl() {
      if (!internalUrl) throw new Error("The server is not listening yet");
      return internalUrl;
    },
  };
  registerRuntime(runtime);

  /** The provider's requests: straight to oidc-provider (the hot path, kept free of extra promises). */
  function provide(req: IncomingMessage, res: ServerResponse, url: string, path: string) {
    delete req.headers[VIEW_HEADER];
    delete req.headers[URL_HEADER];
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
    req.url = url.slice(5) || "/";
    return providerHandler.handle(req, res, path.slice(5));
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: string, path: string) {
    delete req.headers[VIEW_HEADER];
    delete req.headers[URL_HEADER];
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    if (path === "/healthz") return health(res);
    const match = interactionRoute.exec(path);
    if (match) {
      const [, uid, action] = match;
      if (!action && (req.method === "GET" || req.method === "HEAD")) return interactions.page(req, res, uid);
      if (action && req.method === "POST") return interactions[action as "login" | "confirm" | "abort"](req, res, uid);
      res.writeHead(405, { allow: action ? "POST" : "GET" });
      return void res.end();
    }
    // Pages learn their own URL from this (a signed-out admin returns to it after signing in).
    req.headers[URL_HEADER] = url;
    return web(req, res);
  }

  async function health(res: ServerResponse) {
    let database = "ok";
    try {
      await db.$queryRawUnsafe("SELECT 1");
    } catch {
      database = "unreachable";
    }
    const status = database === "ok" ? 200 : 503;
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify({ status: status === 200 ? "ok" : "degraded", database }));
  }

  function failed(res: LoggedResponse, error: unknown) {
    log.error("request failed", { error, path: res.path });
    if (!res.headersSent) {
      res.writeHead(500, { "content-type": "application/problem+json" });
      res.end(JSON.stringify({ type: "about:blank", title: "Internal error", status: 500 }));
    } else res.end();
  }

  // One log line per request, written when its response is finished. The listener is shared
  // (it reads the response it is called on) so no closure is made per request.
  function logRequest(this: LoggedResponse) {
    log.request(
      this.req.method ?? "",
      this.path,
      this.statusCode,
      Math.round((performance.now() - this.started) * 10) / 10,
    );
  }

  const server = createServer<typeof IncomingMessage, typeof LoggedResponse>(
    { ServerResponse: LoggedResponse },
    (req, res) => {
      const url = req.url ?? "/";
      // The path only: query strings carry codes, tokens and hints that must not reach logs.
      const query = url.indexOf("?");
      const path = query === -1 ? url : url.slice(0, query);
      res.path = path;
      res.on("finish", logRequest);
      try {
        const done =
          path === "/oidc" || path.startsWith("/oidc/") ? provide(req, res, url, path) : route(req, res, url, path);
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
    purge.stop();
    signingKeys.stop();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    registerRuntime(undefined);
    await batches.close();
    await db.$disconnect();
  }

  return { server, runtime, close };
}
