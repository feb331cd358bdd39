import { join } from "node:path";
import { z } from "zod";
import { projectRoot } from "./root";
import { decodeSecret } from "./secrets/envelope";

/** Environment variables, parsed once. Every variable is documented in the README. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  APP_URL: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  DATABASE_URL: z.string().min(1).optional(),
  /** How many reverse proxies in front are trusted: `true` is one, `false` none (see lib/server/forwarded.ts). */
  TRUST_PROXY: z
    .union([z.enum(["true", "false"]), z.string().regex(/^\d{1,2}$/, "true, false or a number of proxies")])
    .default("false")
    .transform((value) => (value === "true" ? 1 : value === "false" ? 0 : Number(value))),
  INITIAL_ADMIN_EMAIL: z.email().optional(),
  INITIAL_ADMIN_PASSWORD: z.string().min(8).optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  PURGE_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(300),
  /** How long audit events are kept. */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  KEY_ACTIVATION_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  // Durability and drain (see lib/db/timeouts.ts and lib/server/main.ts).
  DATABASE_CONNECT_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(600).default(3),
  DATABASE_STATEMENT_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  // Back-channel logout deliveries (lib/logout/delivery.ts): first retry delay (doubling), attempts, POST timeout.
  BACKCHANNEL_LOGOUT_RETRY_SECONDS: z.coerce.number().min(0.01).max(3600).default(10),
  BACKCHANNEL_LOGOUT_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
  BACKCHANNEL_LOGOUT_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(60).default(5),
  /**
   * private_key_jwt apps' jwks_uri may point at loopback, private and other special-use addresses
   * (refused by default, see lib/oidc/outgoing-fetch.ts).
   */
  JWKS_FETCH_ALLOW_PRIVATE: z
    .enum(["0", "1", "true", "false"], "0 or 1")
    .default("0")
    .transform((value) => value === "1" || value === "true"),
  /**
   * Where email goes (lib/mail/config.ts): `smtp://user:pass@host:587` (STARTTLS when offered),
   * `smtps://…` (TLS from the start), or `log` to write each message to the log. Unset: no email.
   */
  SMTP_URL: z
    .string()
    .regex(/^(log|smtps?:\/\/\S+)$/i, "smtp://user:pass@host:port, smtps://…, or log")
    .optional(),
  /** The From of every email: an address, or `Name <address>`. */
  MAIL_FROM: z.string().min(3).max(320).optional(),
  /** How long one SMTP step (connect, greeting, each command) may take before the send fails. */
  SMTP_TIMEOUT_SECONDS: z.coerce.number().min(0.5).max(60).default(5),
  /** Encrypts the keys stored in the database (see lib/secrets/kek.ts); checked here so a bad one stops the start. */
  LATCHKEY_SECRET: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined) return;
      try {
        decodeSecret(value, "LATCHKEY_SECRET");
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
});

export type Env = z.infer<typeof envSchema> & { APP_URL: string; ISSUER: string; DATABASE_URL: string };

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = result.data;
  const appUrl = env.APP_URL ?? `http://localhost:${env.PORT}`;
  // The embedded database lives in the project's data/ folder, wherever the command runs from.
  const databaseUrl = env.DATABASE_URL ?? `file:${join(projectRoot(), "data", "latchkey.db")}`;
  return { ...env, DATABASE_URL: databaseUrl, APP_URL: appUrl, ISSUER: `${appUrl}/oidc` };
}

/** The database timeouts the environment asks for, in milliseconds. */
export function databaseTimeouts(env: Env) {
  return {
    connectMs: Math.round(env.DATABASE_CONNECT_TIMEOUT_SECONDS * 1000),
    statementMs: Math.round(env.DATABASE_STATEMENT_TIMEOUT_SECONDS * 1000),
  };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
