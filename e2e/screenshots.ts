import { join } from "node:path";
import type { Page, TestInfo } from "@playwright/test";

/**
 * The screenshots committed under docs/screenshots/: a small set, one or a few per item of issue 13
 * (the console and end-user polish), each at both sizes and in both languages. `npm run screenshots`
 * sets LATCHKEY_SCREENSHOTS_DIR and runs the specs that take them; any other run (npm test) leaves
 * the committed files alone and keeps its full-page pictures under test-results/ only.
 */
export type KeptScreenshot = {
  /** The item of issue 13 it shows. */
  item: number;
  /** What a reader should see in it. */
  shows: string;
  /** Only on a phone (the menu button), when a desktop shows nothing of it. */
  phoneOnly?: boolean;
  /** The whole page, when what it shows runs past the window. */
  fullPage?: boolean;
};

export const itemTitles: Record<number, string> = {
  1: "The one-time client secret, in a dialog that guards leaving",
  2: "Wizard step 2 opens without an error",
  3: "The API page: no raw message key, in the page's language",
  4: "The wizard opened from the empty state starts at the left",
  5: "A third-party app without a redirect URI says so",
  6: "Korean typography (every Korean picture: words kept whole, Korean dates and field names)",
  7: "Phone navigation and the scrollable tab strip",
  8: "Consent: destination, offline access, logos, another account",
  9: "Styled confirm dialogs",
  10: "Smaller fixes: user page, audit diffs, who authorized an app",
};

const both = (name: string, shot: KeptScreenshot): Record<string, KeptScreenshot> => ({
  [`${name}-en`]: shot,
  [`${name}-ko`]: shot,
});

/** Keyed by the name the test gives screenshot(); the file is `<name>-<project>.jpg`. */
export const keptScreenshots: Record<string, KeptScreenshot> = {
  ...both("polish-secret-dialog", { item: 1, shows: "Client ID and secret with copy buttons, inside the window" }),
  ...both("polish-wizard-step2", { item: 2, shows: "Step 2 focused on Name, with no error shown yet" }),
  ...both("polish-api-docs", { item: 3, shows: "The API page's heading, intro and bearer-token example" }),
  ...both("polish-wizard-empty", { item: 4, shows: "The wizard over the empty state, its text at the left" }),
  ...both("polish-no-redirect-detail", { item: 5, shows: "The warning on the app's page" }),
  ...both("polish-no-redirect-list", { item: 5, shows: "The warning in the list of apps" }),
  ...both("polish-connect", { item: 5, shows: "Connect a service after adding the redirect URI" }),
  ...both("polish-audit-diff", { item: 6, shows: "An audit diff: translated field names, a long value unfolded" }),
  ...both("polish-phone-menu", { item: 7, shows: "The console menu, opened, one line per link", phoneOnly: true }),
  "polish-phone-tabs-en": { item: 7, shows: "The app's tab strip with its scroll cue", phoneOnly: true },
  "consent-offline": { item: 8, shows: "Consent: destination, offline access, both logos", fullPage: true },
  "consent-ko": { item: 8, shows: "Consent in Korean, the app's initials for its logo", fullPage: true },
  "consent-logo-fallback": { item: 8, shows: "A logo that failed to load, drawn as initials" },
  ...both("polish-confirm", { item: 9, shows: "Deleting a secret asks in a styled dialog, Cancel focused" }),
  "account-revoke-dialog": { item: 9, shows: "Revoking an app on /account asks in a styled dialog" },
  "account-revoke-dialog-ko": { item: 9, shows: "The same dialog in Korean" },
  ...both("polish-user", {
    item: 10,
    shows: "A user's page: outlined Delete, no gap under the profile",
    fullPage: true,
  }),
  ...both("polish-permissions", {
    item: 10,
    shows: "Permissions: readable scope codes, who authorized it",
    fullPage: true,
  }),
  ...both("polish-audit-consent", { item: 10, shows: "A consent event names the person, not an id" }),
};

/** The specs that take the kept screenshots. */
export const screenshotSpecs = ["console-polish.spec.ts", "consent.spec.ts", "account-revoke.spec.ts"];

/**
 * Writes the picture for docs/screenshots/ when `npm run screenshots` asked for it and the name is
 * one of the kept ones: the window as a person sees it (or the whole page), at CSS pixels (a phone's
 * device pixels would triple the size), as a JPEG.
 */
export async function keepScreenshot(page: Page, info: TestInfo, name: string) {
  const dir = process.env.LATCHKEY_SCREENSHOTS_DIR;
  const kept = keptScreenshots[name];
  if (!dir || !kept) return;
  await page.screenshot({
    path: join(dir, `${name}-${info.project.name}.jpg`),
    type: "jpeg",
    quality: 70,
    scale: "css",
    fullPage: kept.fullPage ?? false,
    animations: "disabled",
    caret: "hide",
  });
}
