import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { projectRoot } from "../root";

/** The built stylesheet of the end-user pages (scripts/build-server.mjs writes it). */
export const STYLESHEET_FILE = join("dist", "pages.css");

/** The end-user pages' stylesheet: its contents, and the address that names this version of it. */
export type Stylesheet = { css: string; href: string };

/**
 * Tailwind's build of app/globals.css, as Next.js builds it for its own pages: the same theme and
 * the same classes (Tailwind finds them in every source file). Needs the build tools (devDependencies).
 */
export async function compileStylesheet(root = projectRoot()): Promise<string> {
  const [{ default: postcss }, { default: tailwind }] = await Promise.all([
    import("postcss"),
    import("@tailwindcss/postcss"),
  ]);
  const from = join(root, "app", "globals.css");
  const result = await postcss([tailwind({ base: root, optimize: { minify: true } })]).process(
    await readFile(from, "utf8"),
    { from },
  );
  return result.css;
}

/**
 * Loaded once at start: the built file, or (`npm run dev`) compiled from the sources then. The
 * address carries a hash of the contents, so browsers may keep it for good.
 */
export async function loadStylesheet(dev: boolean): Promise<Stylesheet> {
  const root = projectRoot();
  const css = dev ? await compileStylesheet(root) : await readFile(join(root, STYLESHEET_FILE), "utf8");
  const hash = createHash("sha256").update(css).digest("base64url").slice(0, 16);
  return { css, href: `/_latchkey/pages-${hash}.css` };
}
