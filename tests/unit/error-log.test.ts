import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Database } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { createLogger } from "../../lib/server/log";
import { tempSqlite } from "../support/server";

const EMAIL = "grace.hopper@example.com";
const NAME = "Grace Brewster Hopper";

/** What the logger writes for `error`, as every error path writes it (`{ error }` under a message). */
function logged(error: unknown): { line: string; entry: { error: Record<string, string> } } {
  let line = "";
  const log = createLogger("info", (chunk) => (line += chunk));
  log.error("request failed", { error, path: "/api/v1/users/u1" });
  return { line, entry: JSON.parse(line) };
}

/** Prisma's own errors, from a real client on a real database: their messages embed the query's arguments. */
describe("error logs", () => {
  const file = tempSqlite();
  let database: Database;
  beforeAll(async () => {
    await migrate(file.url);
    database = await connect(file.url);
    await database.prisma.user.create({ data: { id: "u1", email: EMAIL, name: NAME, passwordHash: "x" } });
  });
  afterAll(async () => {
    await database?.prisma.$disconnect();
    file.cleanup();
  });

  it("keep a validation error's reason and drop the arguments Prisma prints with it", async () => {
    const error = await database.prisma.user
      .updateMany({ where: { id: "u1", version: 1e300 }, data: { name: NAME, email: EMAIL } })
      .catch((e: Error) => e);
    // The premise: Prisma's message carries the personal data.
    expect((error as Error).message).toContain(EMAIL);
    const { line, entry } = logged(error);
    expect(line).not.toContain("grace.hopper");
    expect(line).not.toContain("Brewster");
    expect(entry.error.name).toBe("PrismaClientValidationError");
    expect(entry.error.message).toBe("Unable to fit value 1e+300 into a 64-bit signed integer for field `version`");
    expect(entry.error.stack).toMatch(/^\s+at /);
  });

  it("keep a request error's class, code and model", async () => {
    const error = await database.prisma.user
      .create({ data: { id: "u2", email: EMAIL, name: NAME, passwordHash: "x" } })
      .catch((e: Error) => e);
    const { line, entry } = logged(error);
    expect(line).not.toContain("grace.hopper");
    expect(entry.error).toMatchObject({
      name: "PrismaClientKnownRequestError",
      code: "P2002",
      model: "User",
      message: "Unique constraint failed on the fields: (`email`)",
    });
  });

  it("mask values a database echoes back in a Prisma message", () => {
    const error = Object.assign(
      new Error(
        '\nInvalid `prisma.user.create()` invocation:\n\n\nKey (email)=(grace.hopper@example.com) already exists; value "Grace Brewster Hopper"',
      ),
      { name: "PrismaClientUnknownRequestError" },
    );
    const { line, entry } = logged(error);
    expect(line).not.toContain("grace.hopper");
    expect(line).not.toContain("Brewster");
    expect(entry.error.message).toBe("Key (email)=… already exists; value …");
  });

  it("keep other errors' messages and their stack frames", () => {
    const { entry } = logged(new TypeError("cannot read properties of undefined"));
    expect(entry.error).toMatchObject({ name: "TypeError", message: "cannot read properties of undefined" });
    expect(entry.error.stack).toContain("error-log.test.ts");
  });
});
