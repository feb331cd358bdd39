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
  const log =
    (at: Exclude<LogLevel, "silent">) =>
    (msg: string, fields: Fields = {}) => {
      if (levels[at] < threshold) return;
      const entry: Fields = { time: new Date().toISOString(), level: at, msg };
      for (const key in fields) entry[key] = serialize(fields[key]);
      buffer += `${JSON.stringify(entry)}\n`;
      if (at === "error" || buffer.length > 65536) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    };
  process.once("exit", flush);
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error"), flush };
}
