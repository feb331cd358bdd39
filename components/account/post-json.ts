/** Posts an interaction form as JSON and follows the server's answer. */
export async function postInteraction(
  path: string,
  body: Record<string, string>,
): Promise<{ ok: true } | { ok: false; error: string; retryAfter?: number }> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, error: "network" };
  }
  const data = (await response.json().catch(() => ({}))) as { location?: string; error?: string; retryAfter?: number };
  if (response.ok && data.location) {
    window.location.assign(data.location);
    return { ok: true };
  }
  return { ok: false, error: data.error ?? "server_error", retryAfter: data.retryAfter };
}
