/**
 * What a log line says about an error: its class, code, model, a message and the stack frames,
 * and nothing from the data it was working on.
 *
 * Prisma builds its error messages for a developer's terminal: `\nInvalid \`prisma.user.create()\`
 * invocation:\n\n{ data: { email: "ada@example.com", name: "Ada" } }\n\nUnique constraint failed…`.
 * The call's arguments (names, emails, anything being written) sit between the invocation line
 * and the reason, which is always the last block (@prisma/client's runtime/client.js joins the
 * invocation line, the caller's location and source lines outside production, the arguments
 * for validation errors, and the reason, with blank lines between). The stack repeats the
 * message. So for Prisma errors only the reason is kept, and for every error only the stack's
 * frames.
 */
export type ErrorFields = { name: string; message: string; code?: string; model?: string; stack?: string };

const prismaInvocation = /^\n?(Invalid `|Oops, an unknown error occurred)/;
/** Quoted values and email addresses a database's own message may echo back (PostgreSQL does: `Key (email)=(…)`). */
const echoedValues = /"[^"\n]*"|'[^'\n]*'|\([^()\n]*@[^()\n]*\)|[^\s"'()<>@]+@[^\s"'()<>@]+/g;

function isPrismaError(error: Error): boolean {
  return error.name.startsWith("PrismaClient") || prismaInvocation.test(error.message);
}

/** A line of the source excerpt Prisma adds outside production (`  12 await db.user.create(`, `→ 13 …`). */
const sourceLine = /^(→\s*)?\s*\d+ /;

/**
 * The reason part of a Prisma message: the last block after a blank line (the arguments, when
 * printed, come before it), without any source excerpt, values masked, on one line.
 */
function prismaReason(message: string): string {
  const reason = prismaInvocation.test(message)
    ? (message.split(/\n\s*\n/).at(-1) ?? "")
        .split("\n")
        .filter((line) => !sourceLine.test(line))
        .join("\n")
    : message;
  return reason.replace(echoedValues, "…").replace(/\s+/g, " ").trim().slice(0, 500);
}

function frames(stack: string | undefined): string | undefined {
  const lines = stack?.split("\n").filter((line) => /^\s+at /.test(line));
  return lines?.length ? lines.join("\n") : undefined;
}

export function errorFields(error: Error): ErrorFields {
  const prisma = isPrismaError(error);
  const fields: ErrorFields = { name: error.name, message: prisma ? prismaReason(error.message) : error.message };
  const { code, meta } = error as { code?: unknown; meta?: { modelName?: unknown } };
  if (typeof code === "string" || typeof code === "number") fields.code = String(code);
  if (typeof meta?.modelName === "string") fields.model = meta.modelName;
  const stack = frames(error.stack);
  if (stack) fields.stack = stack;
  return fields;
}
