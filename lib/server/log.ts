/**
 * Structured logs: one JSON object per line on stdout. Callers never pass secrets or tokens.
 * Lines are buffered and written together once per event-loop turn (or at 64 KiB), so a busy
 * server makes one write call per batch rather than one per request.
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
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

export function createLogger(level: LogLevel, write: (chunk: string) => void = (c) => process.stdout.write(c)): Logger {
  const threshold = levels[level];
  let buffer = "";
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!buffer) return;
    const chunk = buffer;
    buffer = "";
    write(chunk);
  };
  const append = (line: string, urgent: boolean) => {
    buffer += line;
    if (urgent || buffer.length > 65536) flush();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  const log =
    (at: Exclude<LogLevel, "silent">) =>
    (msg: string, fields: Fields = {}) => {
      if (levels[at] < threshold) return;
      const entry: Fields = { time: new Date().toISOString(), level: at, msg };
      for (const key in fields) entry[key] = serialize(fields[key]);
      append(`${JSON.stringify(entry)}\n`, at === "error");
    };
  const request = (method: string, path: string, status: number, ms: number) => {
    if (levels.info < threshold) return;
    const time = new Date().toISOString();
    const line = `{"time":"${time}","level":"info","msg":"request","method":${JSON.stringify(method)},"path":${JSON.stringify(path)},"status":${status},"ms":${ms}}\n`;
    append(line, false);
  };
  process.once("exit", flush);
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error"), request, flush };
}
