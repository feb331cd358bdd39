import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { normalizeForwarded, requestOrigin } from "../../lib/server/forwarded";

function request(headers: Record<string, string>, peer = "10.0.0.2"): IncomingMessage {
  return { headers: { ...headers }, socket: { remoteAddress: peer } } as unknown as IncomingMessage;
}

describe("client address and scheme behind proxies", () => {
  const forged = { "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.1", "x-forwarded-proto": "https" };

  it("ignores forwarded headers when no proxy is trusted", () => {
    expect(requestOrigin(request(forged), 0)).toEqual({ address: "10.0.0.2", protocol: "http" });
  });

  it("takes the address as many entries from the right as there are trusted proxies", () => {
    expect(requestOrigin(request(forged), 1).address).toBe("10.0.0.1");
    expect(requestOrigin(request(forged), 2).address).toBe("203.0.113.7");
    // Fewer entries than proxies: the leftmost one a trusted proxy could have written.
    expect(requestOrigin(request({ "x-forwarded-for": "203.0.113.7" }), 3).address).toBe("203.0.113.7");
    expect(requestOrigin(request({}), 1).address).toBe("10.0.0.2");
  });

  it("reads the scheme from the nearest proxy (nginx overwrites the header rather than appending)", () => {
    expect(requestOrigin(request({ "x-forwarded-proto": "https" }), 1).protocol).toBe("https");
    expect(requestOrigin(request({ "x-forwarded-proto": "https, http" }), 1).protocol).toBe("http");
    expect(requestOrigin(request({ "x-forwarded-proto": "HTTPS" }), 1).protocol).toBe("https");
    // Two proxies: the nearest one's value counts, however many entries came before it.
    expect(requestOrigin(request({ "x-forwarded-proto": "http, https" }), 2).protocol).toBe("https");
  });

  it("rewrites the headers so every later reader sees only the trusted values", () => {
    const trusted = request({ ...forged, "x-forwarded-host": "evil.example, id.example.com" });
    normalizeForwarded(trusted, 1);
    expect(trusted.headers).toMatchObject({
      "x-forwarded-for": "10.0.0.1",
      "x-forwarded-proto": "https",
    });
    // The public host is APP_URL's: no forwarded host reaches oidc-provider, whoever sent it.
    expect(trusted.headers["x-forwarded-host"]).toBeUndefined();
    // Idempotent: reading again gives the same answer.
    expect(requestOrigin(trusted, 1)).toEqual({ address: "10.0.0.1", protocol: "https" });

    const direct = request({ ...forged, "x-forwarded-host": "evil.example" });
    normalizeForwarded(direct, 0);
    expect(direct.headers["x-forwarded-for"]).toBeUndefined();
    expect(direct.headers["x-forwarded-proto"]).toBeUndefined();
    expect(direct.headers["x-forwarded-host"]).toBeUndefined();
  });
});
