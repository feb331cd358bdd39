import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/auth/[...nextauth]/route";
import { BODY_LIMIT, cappedRequest } from "@/lib/api/body-limit";

const CHUNK = 16 * 1024;

/** A body that sends `bytes` and then never ends: a reader that wants all of it waits for ever. */
function stalledBody(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return new Promise<void>(() => {});
      const size = Math.min(CHUNK, bytes - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
}

function post(path: string, body: BodyInit, type = "application/json") {
  return new NextRequest(`http://127.0.0.1${path}`, {
    method: "POST",
    headers: { "content-type": type },
    body,
    duplex: "half",
  } as ConstructorParameters<typeof NextRequest>[1]);
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * next-auth's route (the console's sign-in, no session needed) reads a POST's whole body itself
 * (next-auth/next/utils.js getBody: req.json() or req.text()), so without a cap anyone could make
 * the server hold a body of any size: 400 MB streamed to /api/auth/callback/credentials took the
 * server from 167 MB to 1.39 GB of memory.
 */
describe("next-auth's route body cap", () => {
  it("refuses a POST past the cap with 413 problem+json, without waiting for the rest of it", async () => {
    const req = post("/api/auth/callback/credentials", stalledBody(BODY_LIMIT + CHUNK));
    const context = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };
    const res = await within(POST(req, context), 5_000, "POST /api/auth/callback/credentials with a stalled body");
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(await res.json()).toMatchObject({
      status: 413,
      detail: `The request body must be at most ${BODY_LIMIT} bytes.`,
    });
  });

  it("hands a body within the cap on whole, as the form or JSON it was", async () => {
    const form = "csrfToken=abc&email=someone%40example.com&password=p%20w";
    const capped = await cappedRequest(
      post("/api/auth/callback/credentials", form, "application/x-www-form-urlencoded"),
    );
    expect(capped.method).toBe("POST");
    expect(capped.nextUrl.pathname).toBe("/api/auth/callback/credentials");
    expect(Object.fromEntries(new URLSearchParams(await capped.text()))).toEqual({
      csrfToken: "abc",
      email: "someone@example.com",
      password: "p w",
    });
    const json = await cappedRequest(post("/api/auth/session", JSON.stringify({ data: { a: 1 } })));
    expect(await json.json()).toEqual({ data: { a: 1 } });
  });

  it("leaves a request without a body as it is", async () => {
    const req = new NextRequest("http://127.0.0.1/api/auth/session");
    expect(await cappedRequest(req)).toBe(req);
  });
});
