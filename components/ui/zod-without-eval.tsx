"use client";

import { z } from "zod";

// In the browser zod parses without compiling its parsers through `new Function`: the pages' CSP
// has no 'unsafe-eval', and zod's own test for it (calling `Function("")` on the first parse) is
// refused and reported as a CSP violation. Forms are small, so the interpreted parse costs nothing
// a person notices; the server (no CSP there) keeps the compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });

/** Renders nothing; the root layout renders it so the setting is made before any form parses. */
export function ZodWithoutEval() {
  return null;
}
