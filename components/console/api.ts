/** What the console's API answers on failure (RFC 9457), with field paths for invalid input. */
export type ApiProblem = {
  status: number;
  title: string;
  detail?: string;
  errors?: Record<string, string[]>;
  code?: string;
};

export class ApiError extends Error {
  constructor(readonly problem: ApiProblem) {
    super(problem.detail ?? problem.title);
  }
}

/** Calls a console API route as the signed-in admin; failures throw ApiError (status 0: network). */
export async function callApi<T>(path: string, init: { method: string; body?: unknown }): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method,
      headers: init.body === undefined ? { accept: "application/json" } : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError({ status: 0, title: "network" });
  }
  if (response.status === 204) return undefined as T;
  const data = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError({ status: response.status, title: response.statusText, ...(data ?? {}) });
  return data as T;
}
