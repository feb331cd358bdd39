import { readFormData } from "@/lib/api/body-limit";
import { HttpError, userRoute } from "@/lib/api/route";
import { isFormToken } from "@/lib/auth/form-token";
import { NotFoundError } from "@/lib/errors";
import { REVOKE_FORM } from "@/lib/grants/revoke-form";
import { runtime } from "@/lib/runtime";
import { revokeUserGrant } from "@/lib/users/admin";

/**
 * POST (a plain form, from /account/revoke/:clientId): the signed-in user takes back what they
 * granted an app, without a script. Answers with a redirect to /account, which says what happened.
 */
export const POST = userRoute<{ clientId: string }>(async ({ req, params, user }) => {
  const form = await readFormData(req);
  if (!isFormToken(runtime().console.sessionSecret, REVOKE_FORM, user.id, form?.get("token"))) {
    throw new HttpError(403, "Forbidden", "The form could not be verified. Reload the page and try again.");
  }
  try {
    await revokeUserGrant(runtime().database.prisma, user.id, params.clientId, { id: user.id, label: user.email });
  } catch (error) {
    // Already revoked (a second click, another tab): the outcome the user asked for.
    if (!(error instanceof NotFoundError)) throw error;
  }
  const location = `/account?${new URLSearchParams({ revoked: params.clientId })}`;
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
});
