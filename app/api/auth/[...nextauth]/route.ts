import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { cappedRequest } from "@/lib/api/body-limit";
import { HttpError, httpErrorResponse } from "@/lib/api/route";
import { consoleAuthOptions } from "@/lib/auth/console-session";

type Context = { params: Promise<{ nextauth: string[] }> };

// The options are built per request: they hold secrets that exist only once the server started.
// The body is read first, under the cap every route has (lib/api/body-limit.ts): next-auth would
// read all of it, however large, for anyone, signed in or not.
async function handler(req: NextRequest, context: Context) {
  let capped: NextRequest;
  try {
    capped = await cappedRequest(req);
  } catch (error) {
    if (error instanceof HttpError) return httpErrorResponse(error);
    throw error;
  }
  return NextAuth(capped as never, context as never, consoleAuthOptions());
}

export { handler as GET, handler as POST };
