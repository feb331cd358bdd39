import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Database } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { databases } from "../support/databases";
import { logged } from "../support/log-line";

const EMAIL = "grace.hopper@example.com";
const NAME = "Grace Brewster Hopper";

/** Prisma's own errors, from a real client on a real database: their messages embed the query's arguments. */
describe("error logs", () => {
  let database: Database;
  let cleanup: () => void;
  beforeAll(async () => {
    const file = await databases.sqlite();
    cleanup = file.cleanup;
    await migrate(file.url);
    database = await connect(file.url);
    await database.prisma.user.create({ data: { id: "u1", email: EMAIL, name: NAME, passwordHash: "x" } });
  });
  afterAll(async () => {
    await database?.prisma.$disconnect();
    cleanup?.();
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
});
