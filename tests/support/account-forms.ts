import { expect } from "vitest";
import { type CookieBrowser, textOf } from "./browserless";

/** /account (or `path`) as the signed-in browser sees it. */
export async function accountHtml(browser: CookieBrowser, appUrl: string, path = "/account") {
  const response = await browser.fetch(`${appUrl}${path}`);
  expect(response.status).toBe(200);
  return response.text();
}

/** The anti-forgery token of the form that posts to `action` on the page. */
export function tokenOf(html: string, action: string) {
  const form = new RegExp(`<form[^>]*action="${action}"[\\s\\S]*?name="token" value="([^"]*)"`).exec(html);
  if (!form) throw new Error(`no form to ${action} on the page: ${textOf(html).slice(0, 300)}`);
  return form[1];
}

/** Posts one of /account's forms as a browser without script; returns where it sends the browser. */
export async function postAccountForm(
  browser: CookieBrowser,
  appUrl: string,
  action: string,
  fields: Record<string, string>,
) {
  const token = tokenOf(await accountHtml(browser, appUrl), action);
  const response = await browser.fetch(`${appUrl}${action}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: appUrl },
    body: new URLSearchParams({ token, ...fields }).toString(),
  });
  expect(response.status).toBe(303);
  const location = response.headers.get("location") ?? "";
  return { location, page: textOf(await accountHtml(browser, appUrl, location.replace(/#.*$/, ""))) };
}
