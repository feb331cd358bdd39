/** A same-origin JSON call to the account API (the route checks the Origin header). */
export function sendJson(path: string, method: string, body?: unknown) {
  return fetch(path, {
    method,
    headers: body === undefined ? { accept: "application/json" } : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
}

/**
 * Why the server refused the current password sent with a passkey change (wrong, missing, or too
 * many tries: 400 or 429 naming `currentPassword`, already in the page's language), if it did.
 */
export async function passwordRefusal(response: Response): Promise<string | undefined> {
  if (response.status !== 400 && response.status !== 429) return undefined;
  const problem = (await response
    .clone()
    .json()
    .catch(() => undefined)) as { errors?: Record<string, string[]> } | undefined;
  return problem?.errors?.currentPassword?.[0];
}
