// Calls to the user-admin routes; errors come back as one readable message.
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: "admin" | "adjudicator" | "reviewer";
  active: boolean;
  createdAt: string;
}

export async function callJson<T>(url: string, method: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
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
