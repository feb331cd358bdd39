import { describe, expect, it } from "vitest";
import { logged } from "../support/log-line";

// Prisma's real errors, from a real database, are in tests/integration/error-log.test.ts.
describe("error logs", () => {
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
