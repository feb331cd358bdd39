import { expect, test } from "@playwright/test";
import { createViaApi, server, signInToConsole } from "./support";

test("the back-channel logout URI is set on a web app's Settings page, checked like a redirect URI", async ({
  page,
}, info) => {
  await signInToConsole(page, info);
  const { application } = await createViaApi(page, {
    type: "traditional",
    name: `Back-channel ${info.project.name}`,
    redirectUris: ["https://app.example.com/callback"],
  });
  await page.goto(`${server().url}/applications/${application.id}`);
  const uri = page.getByRole("textbox", { name: "Back-channel logout URI" });
  const sessions = page.getByRole("checkbox", { name: /Name the session in logout tokens/ });
  await expect(sessions).toBeChecked();

  await uri.fill("http://app.example.com/logout");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(uri).toHaveAttribute("aria-invalid", "true");
  await expect(uri).toHaveAccessibleDescription(/Use https/);

  await uri.fill("https://app.example.com/backchannel-logout");
  await sessions.uncheck();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  const saved = await (await page.request.get(`${server().url}/api/v1/applications/${application.id}`)).json();
  expect(saved).toMatchObject({
    backchannelLogoutUri: "https://app.example.com/backchannel-logout",
    backchannelLogoutSessionRequired: false,
  });

  // A single-page app has no server to receive logout tokens: no such setting.
  const spa = await createViaApi(page, { type: "spa", name: `SPA ${info.project.name}` });
  await page.goto(`${server().url}/applications/${spa.application.id}`);
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveValue(`SPA ${info.project.name}`);
  await expect(page.getByRole("textbox", { name: "Back-channel logout URI" })).toHaveCount(0);
});
