import type { AdapterPayload } from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deviceGrantRefusedAsUnauthorized, restartSessionlessDeviceForm } from "../../lib/oidc/internals";
import { type MemoryProvider, startMemoryProvider } from "./support/memory-provider";

/** A device code posted with no stored session behind it, against a real oidc-provider in memory. */
const features = { deviceFlow: { enabled: true } };
const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
/** A public app with only the code flow, and one allowed the device grant. */
const apps: Record<string, AdapterPayload> = {
  "code-only": { client_id: "code-only", token_endpoint_auth_method: "none", redirect_uris: ["http://127.0.0.1/cb"] },
  tv: {
    client_id: "tv",
    token_endpoint_auth_method: "none",
    grant_types: [DEVICE_GRANT],
    response_types: [],
    redirect_uris: [],
  },
};
let bare: MemoryProvider;
let guarded: MemoryProvider;

beforeAll(async () => {
  bare = await startMemoryProvider({ features }, (_provider, clients) => {
    for (const [id, metadata] of Object.entries(apps)) clients.set(id, metadata);
  });
  guarded = await startMemoryProvider({ features }, (provider, clients) => {
    for (const [id, metadata] of Object.entries(apps)) clients.set(id, metadata);
    provider.use(restartSessionlessDeviceForm("/device"));
    deviceGrantRefusedAsUnauthorized(provider, DEVICE_GRANT);
  });
});
afterAll(async () => {
  await bare?.close();
  await guarded?.close();
});

const postCode = (mp: MemoryProvider) =>
  fetch(`${mp.url}/oidc/device`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ xsrf: "forged", user_code: "BCDF-GHJK" }),
  });

describe("a device code posted without a session", () => {
  it("makes oidc-provider fail with a server error on its own (what the override exists for)", async () => {
    expect((await postCode(bare)).status).toBe(500);
  });

  it("sends the user back to the code form, which starts a session", async () => {
    const response = await postCode(guarded);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${guarded.url}/oidc/device`);
    const form = await fetch(response.headers.get("location") ?? "", { redirect: "manual" });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="xsrf"');
  });
});

const askForCode = async (mp: MemoryProvider, clientId: string) => {
  const response = await fetch(`${mp.url}/oidc/device/auth`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({ client_id: clientId, scope: "openid" }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
};

describe("an app without the device grant asking for a device code", () => {
  it("gets invalid_request from oidc-provider on its own (what the override exists for)", async () => {
    expect(await askForCode(bare, "code-only")).toMatchObject({ status: 400, body: { error: "invalid_request" } });
  });

  it("gets unauthorized_client (RFC 8628 §3.2), with the same description; an app with the grant gets its code", async () => {
    const refused = await askForCode(guarded, "code-only");
    expect(refused).toMatchObject({
      status: 400,
      body: { error: "unauthorized_client", error_description: `${DEVICE_GRANT} is not allowed for this client` },
    });
    // Other invalid requests keep their error.
    expect((await askForCode(guarded, "")).body.error).toBe("invalid_request");
    const allowed = await askForCode(guarded, "tv");
    expect(allowed.status).toBe(200);
    expect(allowed.body.device_code).toBeTruthy();
  });
});
