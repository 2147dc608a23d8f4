// Browser calls to the app's JSON routes: one readable error message whatever went wrong (no connection, a
// refused input with its field paths, a server error).
export async function requestJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new Error("Cannot reach the server. Nothing was saved.");
  }
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const issues = (data.issues as { path: string; message: string }[] | undefined)?.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
    throw new Error(issues?.length ? issues.join("; ") : (data.error ?? `Request failed (${res.status})`));
  }
  return data as T;
}

/** A JSON body in, JSON out. */
export function callJson<T>(url: string, method: string, body?: unknown): Promise<T> {
  return requestJson<T>(url, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
}
