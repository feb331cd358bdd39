import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { projectRoot } from "../root";

/** The built script of the end-user pages (scripts/build-server.mjs writes it). */
export const PAGE_SCRIPT_FILE = join("dist", "pages.js");
const SOURCE = join("lib", "passkeys", "page-script.ts");

/** The end-user pages' one script file: its contents, and the address that names this version of it. */
export type PageScript = { js: string; href: string };

/**
 * Bundles the pages' script for browsers (the passkey buttons, with @simplewebauthn/browser): one
 * file served from this origin, so the pages' CSP needs nothing but its nonce. Needs esbuild (a
 * devDependency).
 */
export async function compilePageScript(root = projectRoot()): Promise<string> {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [join(root, SOURCE)],
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    write: false,
    logLevel: "warning",
  });
  return result.outputFiles[0].text;
}

/** Loaded once at start: the built file, or (`npm run dev`) bundled from the sources then. */
export async function loadPageScript(dev: boolean): Promise<PageScript> {
  const root = projectRoot();
  const js = dev ? await compilePageScript(root) : await readFile(join(root, PAGE_SCRIPT_FILE), "utf8");
  const hash = createHash("sha256").update(js).digest("base64url").slice(0, 16);
  return { js, href: `/_latchkey/pages-${hash}.js` };
}
