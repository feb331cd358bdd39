import type { Db } from "./db/client";
import type { Env } from "./env";

const ISSUER_KEY = "issuer";

/** The server records the issuer it runs with, so the CLI can tell apps the right one. */
export async function announceIssuer(db: Db, issuer: string) {
  await db.serverSetting.upsert({
    where: { key: ISSUER_KEY },
    create: { key: ISSUER_KEY, value: issuer },
    update: { value: issuer },
  });
}

export type IssuerSource = "database" | "APP_URL" | "default";

/**
 * The issuer apps should use, and where it came from: the one the last server to start on this
 * database announced; before any server has started, `$APP_URL/oidc` as the CLI was given it, or
 * its default (http://localhost:$PORT), which is right only for a server on this machine.
 */
export async function configuredIssuer(
  db: Db,
  env: Env,
  source: NodeJS.ProcessEnv = process.env,
): Promise<{ issuer: string; source: IssuerSource }> {
  const stored = await db.serverSetting.findUnique({ where: { key: ISSUER_KEY } });
  if (stored) return { issuer: stored.value, source: "database" };
  return { issuer: env.ISSUER, source: source.APP_URL ? "APP_URL" : "default" };
}
