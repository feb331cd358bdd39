import type { ApplicationView } from "../applications/service";
import type { MigrationResult } from "../db/migrate";
import type { Env } from "../env";
import type { IssuerSource } from "../issuer";
import type { SigningKeyView } from "../oidc/key-rotation";
import type { UserDetail } from "../users/admin";
import type { UserView } from "../users/service";

export type Output = {
  json: boolean;
  write: (s: string) => void;
  /** The issuer apps should use, and where it was read from (see lib/issuer.ts). */
  issuer: { issuer: string; source: IssuerSource };
  migrations: MigrationResult;
  /** How long a new signing key waits before it signs (KEY_ACTIVATION_SECONDS). */
  keyActivationSeconds: number;
  env: Env;
};

function line(out: Output, value: unknown) {
  out.write(`${typeof value === "string" ? value : JSON.stringify(value, null, 2)}\n`);
}

export function printUser(out: Output, user: UserView) {
  if (out.json) {
    const { status: _status, createdAt: _createdAt, ...shown } = user;
    return line(out, shown);
  }
  line(out, `Created ${user.role} ${user.email} (id ${user.id})`);
}

/** A user after `users update`: the profile as apps receive it. */
export function printUpdatedUser(out: Output, user: UserDetail) {
  const { id, email, name, username, givenName, familyName, locale, zoneinfo } = user;
  if (out.json) return line(out, { id, email, name, username, givenName, familyName, locale, zoneinfo });
  line(out, `Updated ${email} (id ${id})`);
}

function applicationJson(out: Output, app: ApplicationView, clientSecret?: string) {
  const {
    id: _id,
    clientId: _clientId,
    type: _type,
    version: _version,
    createdAt: _c,
    updatedAt: _u,
    ...settings
  } = app;
  return {
    id: app.id,
    clientId: app.clientId,
    ...(clientSecret ? { clientSecret } : {}),
    type: app.type,
    ...settings,
    issuer: out.issuer.issuer,
    issuerSource: out.issuer.source,
    discoveryUrl: `${out.issuer.issuer}/.well-known/openid-configuration`,
    version: app.version,
    createdAt: app.createdAt.toISOString(),
  };
}

const issuerNote = {
  database: "the server's, as it last started on this database",
  APP_URL: "from APP_URL: no server has started on this database yet",
  default: "APP_URL's default: no server has started on this database yet, and APP_URL is not set",
};

export function printApplication(out: Output, app: ApplicationView, clientSecret?: string) {
  const data = applicationJson(out, app, clientSecret);
  if (out.json) return line(out, data);
  const rows: [string, string][] = [
    ["Name", data.name],
    ["Type", data.type],
    ["Client ID", data.clientId],
    ...(clientSecret ? ([["Client secret", `${clientSecret}  (shown once: store it now)`]] as [string, string][]) : []),
    ["Redirect URIs", data.redirectUris.join(", ") || "(none)"],
    ["Issuer", `${data.issuer}  (${issuerNote[data.issuerSource]})`],
    ["Discovery", data.discoveryUrl],
  ];
  for (const [label, value] of rows) line(out, `${label.padEnd(14)} ${value}`);
}

export function printApplications(out: Output, apps: ApplicationView[]) {
  if (out.json)
    return line(
      out,
      apps.map((app) => applicationJson(out, app)),
    );
  if (apps.length === 0)
    return line(out, "No applications yet. Create one with: latchkey apps create --name N --type T");
  for (const app of apps) line(out, `${app.clientId}  ${app.type.padEnd(11)}  ${app.name}`);
}

function keyJson(key: SigningKeyView) {
  return {
    kid: key.kid,
    alg: key.alg,
    status: key.status,
    createdAt: key.createdAt.toISOString(),
    ...(key.activatesAt ? { activatesAt: key.activatesAt.toISOString() } : {}),
    ...(key.retiresAt ? { retiresAt: key.retiresAt.toISOString() } : {}),
  };
}

export function printKeys(out: Output, keys: SigningKeyView[]) {
  if (out.json) return line(out, keys.map(keyJson));
  if (keys.length === 0) return line(out, "No signing keys yet: Latchkey creates them when it first starts.");
  for (const key of keys) {
    const when = key.activatesAt
      ? `  signs from ${key.activatesAt.toISOString()}`
      : key.retiresAt
        ? `  published until ${key.retiresAt.toISOString()}`
        : "";
    line(out, `${key.kid}  ${key.alg}  ${key.status.padEnd(8)}  created ${key.createdAt.toISOString()}${when}`);
  }
}

export function printRotation(out: Output, key: SigningKeyView) {
  if (out.json) return line(out, keyJson(key));
  line(out, `Published a new ${key.alg} key, ${key.kid}. It signs from ${key.activatesAt?.toISOString()};`);
  line(out, `the key it replaces stays published for 24 hours after that.`);
}
