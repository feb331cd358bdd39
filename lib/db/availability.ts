/** The database could not be reached or did not answer in time: the request may succeed later (503). */
export class DatabaseUnavailableError extends Error {
  constructor(message = "the database is unreachable") {
    super(message);
    this.name = "DatabaseUnavailableError";
  }
}

/** Seconds a client is told to wait (Retry-After) when the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

// Prisma's codes for "can't reach", "timed out", "connection closed", "pool timeout", "too many connections".
const prismaCodes = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
const socketCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH"]);
const driverKinds = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// PostgreSQL: connection exceptions (08), shutting down / starting up (57P0x), statement timeout
// (57014), insufficient resources (53); SQLite: busy or locked past the busy timeout.
const sqlState = /^(08|57P0|57014$|53)/;
const messages =
  /timeout exceeded when trying to connect|connection terminated|query read timeout|connection timeout|can't reach database server|server has closed the connection|operation has timed out|database is locked|SQLITE_BUSY|the database system is (starting up|shutting down)|terminating connection/i;

/**
 * Whether an error means the database is unreachable or too slow (rather than a bug or bad
 * input). Prisma wraps driver errors a few levels deep, so the whole cause chain is checked.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    if (current instanceof DatabaseUnavailableError) return true;
    const e = current as {
      name?: unknown;
      code?: unknown;
      kind?: unknown;
      originalCode?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    if (e.name === "PrismaClientInitializationError") return true;
    if (typeof e.code === "string" && (prismaCodes.has(e.code) || socketCodes.has(e.code) || sqlState.test(e.code)))
      return true;
    if (typeof e.originalCode === "string" && sqlState.test(e.originalCode)) return true;
    if (typeof e.kind === "string" && driverKinds.has(e.kind)) return true;
    if (typeof e.message === "string" && messages.test(e.message)) return true;
    current = e.meta?.driverAdapterError ?? e.cause;
  }
  return false;
}

/**
 * Answers "is the database reachable?" within a time limit, sharing one check among concurrent
 * callers and trusting a success for `freshMs`, so pages pay a database round trip at most
 * about once a second, and a frozen database costs each request at most `timeoutMs`.
 */
export class DatabaseProbe {
  private okAt = Number.NEGATIVE_INFINITY;
  private running: Promise<boolean> | undefined;

  constructor(
    private readonly ping: () => Promise<unknown>,
    private readonly timeoutMs: number,
    private readonly freshMs = 1000,
  ) {}

  /** A recent success, or a new check. */
  async available(): Promise<boolean> {
    if (performance.now() - this.okAt < this.freshMs) return true;
    return this.check();
  }

  /** Always asks the database (shared with checks already running). */
  check(): Promise<boolean> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Something failed for want of the database: the next caller asks again. */
  failed() {
    this.okAt = Number.NEGATIVE_INFINITY;
  }

  private async run(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.timeoutMs);
    });
    const ok = await Promise.race([
      this.ping().then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
    clearTimeout(timer);
    this.okAt = ok ? performance.now() : Number.NEGATIVE_INFINITY;
    return ok;
  }
}
