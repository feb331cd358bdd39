import { describe, expect, it } from "vitest";
import { readJson } from "@/lib/api/route";

const json = (body: BodyInit) =>
  new Request("http://127.0.0.1/api/v1/applications/import", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });

describe("readJson", () => {
  // An export file saved by an editor that writes UTF-8 with a byte order mark (Windows Notepad
  // did by default): req.json() took it, and the capped reader must too.
  it("takes a body that starts with a UTF-8 byte order mark, as req.json() did", async () => {
    const body = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"applications":[]}')]);
    expect(await readJson(json(body))).toEqual({ applications: [] });
  });

  it("still answers 400 naming the body for text that is not JSON", async () => {
    await expect(readJson(json("{not json"))).rejects.toMatchObject({ status: 400, title: "Invalid JSON" });
  });
});
