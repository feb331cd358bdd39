import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restartSessionlessDeviceForm } from "../../lib/oidc/internals";
import { type MemoryProvider, startMemoryProvider } from "./support/memory-provider";

/** A device code posted with no stored session behind it, against a real oidc-provider in memory. */
const features = { deviceFlow: { enabled: true } };
let bare: MemoryProvider;
let guarded: MemoryProvider;

beforeAll(async () => {
  bare = await startMemoryProvider({ features });
  guarded = await startMemoryProvider({ features }, (provider) => {
    provider.use(restartSessionlessDeviceForm("/device"));
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
