import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { applySecurityHeaders } from "../../lib/server/security-headers";

function exchange(headers: Record<string, string> = {}) {
  const req = { headers: { ...headers } } as unknown as IncomingMessage;
  const sent = new Map<string, string>();
  const res = { setHeader: (name: string, value: string) => sent.set(name, value) } as unknown as ServerResponse;
  return { req, res, sent };
}

describe("security headers", () => {
  it("gives a page a fresh nonce, and tells Next.js the same one instead of anything the client sent", () => {
    const first = exchange({ "content-security-policy": "script-src 'nonce-chosen-by-client'" });
    applySecurityHeaders(first.req, first.res, "/interaction/abc");
    const policy = first.sent.get("content-security-policy") ?? "";
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(first.req.headers["content-security-policy"]).toBe(policy);
    expect(policy).not.toContain("chosen-by-client");

    // A second render of the same request (a provider view) keeps the nonce; another request gets a new one.
    applySecurityHeaders(first.req, first.res, "/error");
    expect(first.sent.get("content-security-policy")).toBe(policy);
    const second = exchange();
    applySecurityHeaders(second.req, second.res, "/interaction/abc");
    expect(second.sent.get("content-security-policy")).not.toBe(policy);
  });

  it("lets a page's styles come only from this origin or carry its nonce: no inline style elements or attributes", () => {
    const { req, res, sent } = exchange();
    applySecurityHeaders(req, res, "/applications");
    const policy = sent.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    const styleSources = policy
      .split(";")
      .map((directive) => directive.trim())
      .filter((directive) => directive.startsWith("style-src"));
    // One directive for elements and attributes alike, with the scripts' nonce (the one Next.js puts on its <style>s).
    expect(styleSources).toEqual([`style-src 'self' 'nonce-${nonce}'`]);
    expect(policy).not.toContain("unsafe-inline");
  });

  it("lets JSON answers load nothing and be framed nowhere", () => {
    const { req, res, sent } = exchange({ "content-security-policy": "script-src 'nonce-x'" });
    applySecurityHeaders(req, res, "/api/v1/users");
    expect(sent.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
    expect(req.headers["content-security-policy"]).toBeUndefined();
    expect(sent.get("x-frame-options")).toBe("DENY");
    expect(sent.get("x-content-type-options")).toBe("nosniff");
    expect(sent.get("referrer-policy")).toBe("same-origin");
  });
});
