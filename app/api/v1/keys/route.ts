import { adminRoute, readJson } from "@/lib/api/route";
import { listSigningKeys, rotateSigningKey } from "@/lib/oidc/key-rotation";
import { runtime } from "@/lib/runtime";

/** GET /api/v1/keys: the published signing keys (kid, alg, status, dates; never key material). */
export const GET = adminRoute(async () => {
  const keys = await listSigningKeys(runtime().database.prisma);
  return Response.json({ keys }, { headers: { "cache-control": "no-store" } });
});

/** POST /api/v1/keys { alg?: "RS256" | "ES256" }: publishes a new key that takes over after the activation delay. */
export const POST = adminRoute(async ({ req, actor }) => {
  const rt = runtime();
  // A bare POST rotates the RS256 key.
  const body = req.headers.get("content-type") ? await readJson(req) : {};
  const key = await rotateSigningKey(rt.database.prisma, body, {
    activationSeconds: rt.env.KEY_ACTIVATION_SECONDS,
    actor,
    kek: rt.kek,
  });
  rt.log.info("signing key rotated", { kid: key.kid, alg: key.alg });
  // This instance publishes it at once; the others within a poll interval.
  await rt.signingKeys.refresh();
  return Response.json(key, { status: 201, headers: { "cache-control": "no-store" } });
});
