import { describe, expect, it } from "vitest";
import { safeReturnPath, sameOriginUrl } from "../../lib/console/return-path";

const APP = "https://id.example.com";

describe("return paths", () => {
  it("keeps places on this site, as the URL parser writes them", () => {
    expect(safeReturnPath("/users?q=ada#top", APP)).toBe("/users?q=ada#top");
    expect(safeReturnPath(["/audit", "/users"], APP)).toBe("/audit");
    expect(safeReturnPath("https://id.example.com/applications/x", APP)).toBe("/applications/x");
    expect(safeReturnPath("/a b", APP)).toBe("/a%20b");
  });

  it("refuses anything a browser would read as another site", () => {
    for (const value of [
      "/\t/evil.example/phish",
      "/\n/evil.example",
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "https://id.example.com.evil.example/",
      "http://id.example.com/",
      // Same-origin on parsing, but the path starts with "//": a Location a browser reads as another host.
      "/.//evil.example/x",
      "/%2e//evil.example",
      "/x/..//evil.example",
      "https://id.example.com//evil.example",
    ]) {
      expect(safeReturnPath(value, APP), JSON.stringify(value)).toBe("/applications");
    }
  });

  it("never returns a control character (a Location header with one is a 500)", () => {
    expect(safeReturnPath("/users\r\nSet-Cookie: x=1", APP)).toBe("/usersSet-Cookie:%20x=1");
    expect(safeReturnPath(undefined, APP, "/account")).toBe("/account");
    expect(safeReturnPath("http://[::1", APP)).toBe("/applications");
  });

  it("gives next-auth a same-origin URL or nothing", () => {
    expect(sameOriginUrl("/applications", APP)?.href).toBe("https://id.example.com/applications");
    expect(sameOriginUrl("/\t/evil.example/phish", APP)).toBeUndefined();
  });
});
