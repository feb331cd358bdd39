import { run } from "../../lib/cli/main";
import { type CliResult, secretEnv } from "./server";

/**
 * The CLI's `run` called in this process, with the environment bin/latchkey.mjs would see: the
 * same commands, parsing, output and exit codes, without a Node.js start per command (which costs
 * one to two seconds on a busy machine). Keep a spawned run (runCli) for what only a process
 * shows: the bin entry and its exit status.
 */
export async function cliInProcess(
  databaseUrl: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  // The test runner's own settings must not leak in: the URL and port come from `env`, and the
  // secret from the database URL (secretEnv), as for a spawned CLI given only those.
  const { APP_URL: _url, PORT: _port, LATCHKEY_SECRET: _secret, ...inherited } = process.env;
  let stdout = "";
  let stderr = "";
  const status = await run(
    args,
    (text) => {
      stdout += text;
    },
    (text) => {
      stderr += text;
    },
    { ...inherited, LOG_LEVEL: "silent", DATABASE_URL: databaseUrl, ...secretEnv(databaseUrl), ...env },
  );
  return { status, stdout, stderr };
}
