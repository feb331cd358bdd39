import { generateKeyPairSync } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createViaApi, server, signInToConsole } from "./support";

test("choosing private_key_jwt on the Tokens tab asks for the app's keys and says what is wrong beside the field", async ({
  page,
}, info) => {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const publicJwks = { keys: [{ ...publicKey.export({ format: "jwk" }), kid: "signer-1" }] };
  const privateJwks = { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "signer-1" }] };

  await signInToConsole(page, info);
  const { application } = await createViaApi(page, { type: "m2m", name: `Signer ${info.project.name}` });
  await page.goto(`${server().url}/applications/${application.id}/tokens`);
  const method = page.getByRole("combobox", { name: "Token endpoint authentication" });
  const uri = page.getByRole("textbox", { name: "JWKS URI" });
  const keys = page.getByRole("textbox", { name: "Public keys (JWKS)" });
  await expect(method).toHaveValue("client_secret_basic");
  await expect(keys).toHaveCount(0);

  await method.selectOption("private_key_jwt");
  await expect(uri).toBeVisible();
  await expect(keys).toBeVisible();

  // A private key pasted by mistake is refused, naming the member that gives it away.
  await keys.fill(JSON.stringify(privateJwks));
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(keys).toHaveAttribute("aria-invalid", "true");
  await expect(keys).toHaveAccessibleDescription(/keys\.0\.d: This is part of a private key/);

  // Not JSON at all: said before anything is sent.
  await keys.fill("{ keys: [");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(keys).toHaveAccessibleDescription(/This is not valid JSON/);

  await keys.fill(JSON.stringify(publicJwks));
  await uri.fill("http://keys.example.com/jwks.json");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(uri).toHaveAttribute("aria-invalid", "true");
  await expect(uri).toHaveAccessibleDescription(/Use an https address/);

  await uri.fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  const saved = await (await page.request.get(`${server().url}/api/v1/applications/${application.id}`)).json();
  expect(saved).toMatchObject({ tokenEndpointAuthMethod: "private_key_jwt", jwks: publicJwks, jwksUri: "" });
});
