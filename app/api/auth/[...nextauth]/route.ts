import NextAuth from "next-auth";
import { consoleAuthOptions } from "@/lib/auth/console-session";

type Context = { params: Promise<{ nextauth: string[] }> };

// The options are built per request: they hold secrets that exist only once the server started.
function handler(req: Request, context: Context) {
  return NextAuth(req as never, context as never, consoleAuthOptions());
}

export { handler as GET, handler as POST };
