import { NextRequest } from "next/server";
import { HttpError } from "../errors";

/**
 * How many bytes of body a route reads: every JSON body or form Latchkey takes (a form's fields,
 * an app's settings, a passkey's answer) is a few kilobytes. A bigger body is refused before it is
 * parsed, and without reading the rest of it, so a signed-in caller cannot make the server hold
 * megabytes.
 */
export const BODY_LIMIT = 64 * 1024;

/** An export file holds up to 10,000 apps (lib/applications/transfer.ts), each a kilobyte or so. */
export const IMPORT_BODY_LIMIT = 16 * 1024 * 1024;

function tooLarge(limit: number): HttpError {
  return new HttpError(413, "Content too large", `The request body must be at most ${limit} bytes.`);
}

/**
 * The body's bytes, or a 413 naming the limit: at once when Content-Length says it is over, else
 * as soon as the bytes read pass it (a chunked body has no length to trust), cancelling the rest.
 */
export async function readBody(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) throw tooLarge(limit);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * A form post's fields (urlencoded or multipart, as `Request.formData` reads them), under the same
 * limit; undefined when the body is not a form.
 */
export async function readFormData(req: Request, limit = BODY_LIMIT): Promise<FormData | undefined> {
  const bytes = await readBody(req, limit);
  const headers = { "content-type": req.headers.get("content-type") ?? "" };
  return new Response(new Uint8Array(bytes), { headers }).formData().catch(() => undefined);
}

/**
 * The same request with its body read under `limit` (413 past it), for code that reads a body
 * itself with no limit: next-auth reads a POST's whole body (req.json() or req.text()) before
 * anything else, on routes anyone may call. A request without a body is returned as it is.
 */
export async function cappedRequest(req: NextRequest, limit = BODY_LIMIT): Promise<NextRequest> {
  if (!req.body) return req;
  const body = new Uint8Array(await readBody(req, limit));
  return new NextRequest(req.url, { method: req.method, headers: req.headers, body });
}
