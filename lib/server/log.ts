import { errorFields } from "./log-error";

/**
 * Structured logs: one JSON object per line on stdout. Callers never pass secrets or tokens.
 * Lines are buffered and written together every `flushMs` (at once for errors, at 64 KiB, and
 * at exit), so a busy server makes one write call per few hundred requests rather than one per
 * request or per event-loop turn.
 */
const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof levels;
type Fields = Record<string, unknown>;

export type Logger = {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  /** The one line per request, built without an intermediate object: it runs on every request. */
  request(method: string, path: string, status: number, ms: number): void;
  flush(): void;
};

function serialize(value: unknown): unknown {
  if (value instanceof Error) return errorFields(value);
  return value;
}

/**
 * The current time as an ISO string, formatted at most once per millisecond: a busy server logs
 * several lines in the same millisecond, and formatting a Date costs more than the rest of a line.
 */
let lastMs = 0;
let lastIso = "";
function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

export function createLogger(
  level: LogLevel,
  write: (chunk: string) => void = (c) => process.stdout.write(c),
  flushMs = 20,
): Logger {
  const threshold = levels[level];
  let buffer = "";
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!buffer) return;
    const chunk = buffer;
    buffer = "";
    write(chunk);
  };
  const append = (line: string, urgent: boolean) => {
    buffer += line;
    if (urgent || buffer.length > 65536) flush();
    else timer ??= setTimeout(flush, flushMs);
  };
  const log =
    (at: Exclude<LogLevel, "silent">) =>
    (msg: string, fields: Fields = {}) => {
      if (levels[at] < threshold) return;
      const entry: Fields = { time: isoNow(), level: at, msg };
      for (const key in fields) entry[key] = serialize(fields[key]);
      append(`${JSON.stringify(entry)}\n`, at === "error");
    };
  const request = (method: string, path: string, status: number, ms: number) => {
    if (levels.info < threshold) return;
    const line = `{"time":"${isoNow()}","level":"info","msg":"request","method":${JSON.stringify(method)},"path":${JSON.stringify(path)},"status":${status},"ms":${ms}}\n`;
    append(line, false);
  };
  process.once("exit", flush);
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error"), request, flush };
}
