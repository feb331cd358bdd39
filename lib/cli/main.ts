import { readFileSync, writeFileSync } from "node:fs";
import { ZodError } from "zod";
import { inviteUser } from "../account-email/invite";
import {
  createApplication,
  findApplicationByClientId,
  listApplications,
  updateApplication,
} from "../applications/service";
import { exportApplications, importApplications } from "../applications/transfer";
import { applicationTypes } from "../applications/types";
import { cliActor } from "../audit/events";
import { connect, type Database } from "../db/client";
import { migrate } from "../db/migrate";
import { parseEnv } from "../env";
import { ConflictError, fieldErrors, NotFoundError } from "../errors";
import { isLocale } from "../i18n/locales";
import { configuredIssuer } from "../issuer";
import { publicBaseUrl } from "../mail/links";
import { createMailer } from "../mail/mailer";
import { composeMail } from "../mail/messages";
import { withStatus } from "../mail/status";
import { listSigningKeys, rotateSigningKey } from "../oidc/key-rotation";
import { createLogger } from "../server/log";
import { errorFields } from "../server/log-error";
import { getUser, setUserStatus, updateUser } from "../users/admin";
import { createUser } from "../users/service";
import { signingAlgorithms } from "../validation/key";
import { email } from "../validation/user";
import { apiCommands } from "./apis";
import { flagFor, settingOptions, settingsFromFlags, settingsUsage } from "./app-flags";
import { type Command, options, required } from "./args";
import { printApplication, printApplications, printKeys, printRotation, printUpdatedUser, printUser } from "./output";
import { currentKek, describeRewrap, RewrapUsageError, rewrap } from "./rewrap";
import { roleCommands } from "./roles";
import { UsageError } from "./usage-error";
import { profileFromFlags, profileOptions, profileUsage, userFlagFor } from "./user-flags";

const usage = `Usage: latchkey <command> [options] [--json]

Commands:
  admins create --email E --password P [profile]
  users create --email E --password P [profile]
  users update <email> [profile]      (changes only the fields given; "" clears one)
              profile: ${profileUsage}
              (--username: preferred_username, unique whatever its letter case)
  users create ... --email-verified   (marks the address verified)
  users invite --email E [--name N] [--locale en|ko]
              (emails a link to choose a password; following it verifies the address)
  apps create --name N --type <${applicationTypes.join("|")}> [settings]
  apps update <clientId> [settings]     (changes only the settings given)
              settings, each as on the app's pages in the console (--scope: what a
              third-party app may ask for, or "management" for an m2m app):
${settingsUsage("              ")}
  apps list
  apps show <clientId>
  apps export [--out FILE]            (JSON to stdout or FILE; no secrets)
  apps import FILE                    (creates or updates by client ID; all or nothing)
  users suspend <email>               (ends their sessions, grants and tokens at once)
  users reactivate <email>
  keys list
  keys rotate [--alg ${signingAlgorithms.join("|")}]   (RS256 unless said; the new key signs
              after KEY_ACTIVATION_SECONDS, the old one stays published for 24 hours more)
  keys rewrap [--new-secret-file FILE | --generate]
              (re-encrypts the stored keys under a new LATCHKEY_SECRET: the old one from
              LATCHKEY_SECRET or data/secret.key, the new one from LATCHKEY_SECRET_NEW, FILE,
              or --generate for a new data/secret.key; all or nothing, safe to run again)
  apis create --name N --indicator URI [--permission "read:pages=Read your wiki pages" ...]
              [--access-token-ttl SECONDS]   (an API of your own that apps ask permissions for)
  apis list
  apis show <indicator|id>
  roles create --name N [--description D] [--permission "URI read:pages [write:pages ...]" ...]
  roles list
  roles show <name|id>
  users roles add|remove <email> <role>
  apps permissions set <clientId> [--scope S ...] [--api "URI read:pages [...]" ...]
              (what the app may ask users for: profile scopes, and permissions of your APIs)
  apps access set <clientId> [--role R ...]   (who may sign in: no role for everyone)
  apps roles set <clientId> --role R [...]    (machine-to-machine apps: roles their tokens act with)
  mail test --to E [--locale en|ko]   (sends a test email through SMTP_URL and says what happened)
  db migrate

Works directly on the database named by DATABASE_URL (default: the embedded SQLite file).`;

export { UsageError };

/** A send the relay refused or never answered: exit 1 with its reason. */
class MailNotSent extends Error {}

const createUserCommand =
  (role: "user" | "admin"): Command =>
  async (database, args, out) => {
    const { values } = options(args, {
      email: { type: "string" },
      password: { type: "string" },
      ...profileOptions,
      "email-verified": { type: "boolean" },
    });
    const user = await createUser(
      database.prisma,
      { email: required(values, "email"), password: required(values, "password"), ...profileFromFlags(values) },
      role,
      { emailVerified: values["email-verified"] === true },
    );
    printUser(out, user);
  };

/** The user an email names, for the commands that take one. */
async function userByEmail(database: Database, email: string) {
  const found = await database.prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!found) throw new NotFoundError(`User ${email}`);
  return found;
}

const userStatusCommand =
  (status: "active" | "suspended"): Command =>
  async (database, args, out) => {
    const { positionals } = options(args, {});
    if (positionals.length !== 1)
      throw new UsageError(`users ${status === "active" ? "reactivate" : "suspend"} takes one email`);
    const found = await userByEmail(database, positionals[0]);
    const user = await setUserStatus(database.prisma, found.id, status, cliActor);
    if (out.json) return out.write(`${JSON.stringify({ id: user.id, email: user.email, status: user.status })}\n`);
    out.write(`${user.email} is ${user.status}\n`);
  };

const commands: Record<string, Command> = {
  ...apiCommands,
  ...roleCommands,
  "db migrate": async (_database, args, out) => {
    options(args, {});
    const { applied, alreadyApplied } = out.migrations;
    if (out.json) return out.write(`${JSON.stringify({ applied, alreadyApplied })}\n`);
    out.write(
      applied.length ? `Applied ${applied.join(", ")}\n` : `Up to date (${alreadyApplied.length} migrations applied)\n`,
    );
  },
  "admins create": createUserCommand("admin"),
  "users create": createUserCommand("user"),
  "apps create": async (database, args, out) => {
    const { values } = options(args, { type: { type: "string" }, ...settingOptions });
    const type = required(values, "type");
    if (!(applicationTypes as readonly string[]).includes(type)) {
      throw new UsageError(`--type must be one of ${applicationTypes.join(", ")}`);
    }
    required(values, "name");
    const created = await createApplication(database.prisma, { type, ...settingsFromFlags(values) }, cliActor);
    printApplication(out, created.application, created.clientSecret);
  },
  "apps update": async (database, args, out) => {
    const { values, positionals } = options(args, settingOptions);
    if (positionals.length !== 1) throw new UsageError("apps update takes one client ID");
    const settings = settingsFromFlags(values);
    if (Object.keys(settings).length === 0) throw new UsageError("apps update needs a setting to change");
    const app = await findApplicationByClientId(database.prisma, positionals[0]);
    printApplication(out, await updateApplication(database.prisma, app.id, settings, cliActor));
  },
  "apps export": async (database, args, out) => {
    const { values } = options(args, { out: { type: "string" } });
    const file = `${JSON.stringify(await exportApplications(database.prisma), null, 2)}\n`;
    if (typeof values.out !== "string") return out.write(file);
    writeFileSync(values.out, file);
    const count = (JSON.parse(file) as { applications: unknown[] }).applications.length;
    out.write(
      out.json
        ? `${JSON.stringify({ file: values.out, applications: count })}\n`
        : `Exported ${count} applications to ${values.out}\n`,
    );
  },
  "apps import": async (database, args, out) => {
    const { positionals } = options(args, {});
    if (positionals.length !== 1) throw new UsageError("apps import takes one file");
    let input: unknown;
    try {
      input = JSON.parse(readFileSync(positionals[0], "utf8"));
    } catch (error) {
      throw new UsageError(`${positionals[0]} is not readable JSON: ${(error as Error).message.split("\n")[0]}`);
    }
    const result = await importApplications(database.prisma, input, cliActor);
    if (out.json) return out.write(`${JSON.stringify(result)}\n`);
    out.write(
      `Created ${result.created.length}, updated ${result.updated.length}, unchanged ${result.unchanged.length}\n`,
    );
    if (result.withoutSecret.length) {
      out.write(`Without a client secret (add one in the console): ${result.withoutSecret.join(", ")}\n`);
    }
  },
  "users update": async (database, args, out) => {
    const { values, positionals } = options(args, profileOptions);
    if (positionals.length !== 1) throw new UsageError("users update takes one email");
    const profile = profileFromFlags(values);
    if (Object.keys(profile).length === 0)
      throw new UsageError(`users update needs a field to change: ${profileUsage}`);
    const found = await userByEmail(database, positionals[0]);
    await updateUser(database.prisma, found.id, profile, cliActor);
    printUpdatedUser(out, await getUser(database.prisma, found.id));
  },
  "mail test": async (database, args, out) => {
    const { values } = options(args, { to: { type: "string" }, locale: { type: "string" } });
    const to = email.safeParse(required(values, "to"));
    if (!to.success) throw new UsageError("--to must be an email address");
    const locale = (values.locale as string | undefined) ?? "en";
    if (!isLocale(locale)) throw new UsageError("--locale must be en or ko");
    // SMTP_URL=log: the message is the output.
    const log = createLogger(out.env.LOG_LEVEL === "silent" ? "info" : out.env.LOG_LEVEL, out.write, 0);
    const mailer = withStatus(createMailer(out.env, log), database.prisma, log);
    const baseUrl = await publicBaseUrl(database.prisma, out.env);
    const result = await mailer.send(composeMail({ kind: "test", to: to.data, locale, baseUrl }));
    log.flush();
    if (!result.ok) throw new MailNotSent(`email not sent via ${mailer.describe}: ${result.error}`);
    if (out.json) return out.write(`${JSON.stringify({ sent: true, to: to.data, relay: mailer.describe })}\n`);
    out.write(
      `Test email ${mailer.config.mode === "log" ? "written to the log" : "sent"} to ${to.data} via ${mailer.describe}\n`,
    );
  },
  "users invite": async (database, args, out) => {
    const { values } = options(args, {
      email: { type: "string" },
      name: { type: "string" },
      locale: { type: "string" },
    });
    const locale = (values.locale as string | undefined) ?? "en";
    if (!isLocale(locale)) throw new UsageError("--locale must be en or ko");
    const log = createLogger(out.env.LOG_LEVEL === "silent" ? "info" : out.env.LOG_LEVEL, out.write, 0);
    const mailer = withStatus(createMailer(out.env, log), database.prisma, log);
    if (mailer.config.mode === "off") throw new UsageError("users invite needs email: set SMTP_URL");
    const baseUrl = await publicBaseUrl(database.prisma, out.env);
    const { user, email } = await inviteUser(
      { db: database.prisma, mail: mailer, baseUrl },
      { email: required(values, "email"), name: (values.name as string) ?? "" },
      cliActor,
      locale,
    );
    log.flush();
    if (out.json) {
      const result = {
        id: user.id,
        email: user.email,
        emailSent: email.ok,
        ...(email.ok ? {} : { emailError: email.error }),
      };
      out.write(`${JSON.stringify(result)}\n`);
    } else out.write(`Invited ${user.email} (${user.id})\n`);
    if (!email.ok)
      throw new MailNotSent(
        `the user was created, but the invitation was not sent via ${mailer.describe}: ${email.error}`,
      );
  },
  "users suspend": userStatusCommand("suspended"),
  "users reactivate": userStatusCommand("active"),
  "apps list": async (database, args, out) => {
    options(args, {});
    printApplications(out, await listApplications(database.prisma));
  },
  "apps show": async (database, args, out) => {
    const { positionals } = options(args, {});
    if (positionals.length !== 1) throw new UsageError("apps show takes one client ID");
    printApplication(out, await findApplicationByClientId(database.prisma, positionals[0]));
  },
  "keys list": async (database, args, out) => {
    options(args, {});
    printKeys(out, await listSigningKeys(database.prisma));
  },
  "keys rotate": async (database, args, out) => {
    const { values } = options(args, { alg: { type: "string" } });
    const alg = (values.alg as string | undefined) ?? "RS256";
    if (!(signingAlgorithms as readonly string[]).includes(alg)) {
      throw new UsageError(`--alg must be one of ${signingAlgorithms.join(", ")}`);
    }
    const key = await rotateSigningKey(
      database.prisma,
      { alg },
      { activationSeconds: out.keyActivationSeconds, actor: cliActor, kek: await currentKek(out.env, database) },
    );
    printRotation(out, key);
  },
  "keys rewrap": async (database, args, out) => {
    const { values } = options(args, { "new-secret-file": { type: "string" }, generate: { type: "boolean" } });
    const report = await rewrap(out.env, database, {
      newSecretFile: values["new-secret-file"] as string | undefined,
      generate: values.generate === true,
    });
    if (out.json) return out.write(`${JSON.stringify(report)}\n`);
    for (const text of describeRewrap(report)) out.write(`${text}\n`);
  },
};

/**
 * Runs one CLI invocation; returns the exit code. Output, errors and the environment are
 * parameters so tests can run commands in process instead of spawning one per command.
 */
export async function run(
  argv: string[],
  write: (s: string) => void = (s) => process.stdout.write(s),
  fail: (s: string) => void = (s) => process.stderr.write(s),
  environment: NodeJS.ProcessEnv = process.env,
) {
  const key = argv.slice(0, 2).join(" ");
  const command = commands[key];
  const json = argv.includes("--json");
  const errorLine = (message: string) => {
    fail(json ? `${JSON.stringify({ error: message })}\n` : `latchkey: ${message}\n`);
  };
  if (argv.length === 0 || argv.includes("--help") || argv[0] === "help") {
    write(`${usage}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  if (!command) {
    errorLine(`unknown command "${argv.slice(0, 2).join(" ")}" (see latchkey --help)`);
    return 2;
  }
  let database: Database | undefined;
  try {
    const env = parseEnv(environment);
    const migrations = await migrate(env.DATABASE_URL);
    database = await connect(env.DATABASE_URL);
    await command(database, argv.slice(2), {
      json,
      write,
      issuer: await configuredIssuer(database.prisma, env, environment),
      migrations,
      keyActivationSeconds: env.KEY_ACTIVATION_SECONDS,
      env,
    });
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof RewrapUsageError) {
      errorLine(error.message);
      return 2;
    }
    if (error instanceof ZodError) {
      const [path, messages] = Object.entries(fieldErrors(error))[0];
      const flag = argv[0] === "apps" ? flagFor(path) : userFlagFor(path);
      errorLine(`${path}: ${messages[0]}${flag ? ` (${flag})` : ""}`);
      return 2;
    }
    if (error instanceof NotFoundError || error instanceof ConflictError || error instanceof MailNotSent) {
      const flags = error instanceof ConflictError ? Object.keys(error.fields).map(userFlagFor).filter(Boolean) : [];
      errorLine(`${error.message}${flags.length ? ` (${flags.join(", ")})` : ""}`);
      return 1;
    }
    // Prisma's messages start with a blank line and carry the query's arguments: print only the reason.
    errorLine(error instanceof Error ? errorFields(error).message.split("\n")[0] : String(error));
    return 1;
  } finally {
    await database?.prisma.$disconnect();
  }
}

if (process.argv[1] && /cli\.(m?js|ts)$/.test(process.argv[1])) {
  run(process.argv.slice(2)).then((code) => process.exit(code));
}
