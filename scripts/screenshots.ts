#!/usr/bin/env -S node --import tsx
// `npm run screenshots`: retakes the screenshots committed under docs/screenshots/ (the items of
// issue 13, at both sizes and in both languages) by running the browser specs that take them with
// LATCHKEY_SCREENSHOTS_DIR set, then rewrites the folder's README index. Needs a build, like the
// browser tests. Other runs (npm test) never write there, so a test run leaves the tree clean.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { itemTitles, keptScreenshots, screenshotSpecs } from "../e2e/screenshots";

const root = join(import.meta.dirname, "..");
const dir = join(root, "docs", "screenshots");
const projects = ["desktop", "phone"] as const;

mkdirSync(dir, { recursive: true });
// Pictures of a name no longer kept would linger otherwise.
for (const file of readdirSync(dir)) if (file.endsWith(".jpg")) rmSync(join(dir, file));

const run = spawnSync(
  "npx",
  ["playwright", "test", ...screenshotSpecs.map((spec) => `e2e/${spec}`), ...projects.map((p) => `--project=${p}`)],
  { cwd: root, stdio: "inherit", env: { ...process.env, LATCHKEY_SCREENSHOTS_DIR: dir } },
);

const expected = Object.entries(keptScreenshots).flatMap(([name, shot]) =>
  projects.filter((p) => p === "phone" || !shot.phoneOnly).map((project) => `${name}-${project}.jpg`),
);
const missing = expected.filter((file) => !existsSync(join(dir, file)));

const lines = [
  "# Screenshots",
  "",
  "What the console and end-user pages look like for each item of issue 13 (console and end-user",
  "polish), at 1280×800 (desktop) and 390×844 (phone), in English and Korean: the window as a",
  "person sees it when the browser test that takes the picture has checked the item. Retake them",
  "with `npm run build && npm run screenshots` (written by e2e/screenshots.ts and",
  "scripts/screenshots.ts; `npm test` does not touch this folder).",
];
for (const [item, title] of Object.entries(itemTitles)) {
  lines.push("", `## Item ${item}: ${title}`, "");
  const shots = Object.entries(keptScreenshots).filter(([, shot]) => shot.item === Number(item));
  if (shots.length === 0) lines.push("Shown by every Korean picture above and below.");
  for (const [name, shot] of shots) {
    const files = projects
      .map((project) => `${name}-${project}.jpg`)
      .filter((file) => existsSync(join(dir, file)))
      .map((file) => `[${file.replace(`${name}-`, "").replace(".jpg", "")}](${file})`);
    lines.push(`- \`${name}\`: ${shot.shows}. ${files.join(", ")}`);
  }
}
writeFileSync(join(dir, "README.md"), `${lines.join("\n")}\n`);

const bytes = readdirSync(dir).reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
console.log(`docs/screenshots: ${expected.length - missing.length} pictures, ${(bytes / 1e6).toFixed(2)} MB`);
if (missing.length > 0)
  console.error(`missing (their test failed or did not reach the picture): ${missing.join(", ")}`);
process.exit(run.status === 0 && missing.length === 0 ? 0 : 1);
