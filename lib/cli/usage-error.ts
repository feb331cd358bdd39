/** Bad command-line input: printed as one line, exit status 2, nothing changed. */
export class UsageError extends Error {}
