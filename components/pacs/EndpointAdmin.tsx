"use client";
// PACS endpoints: the list (with whether each one's secret variable is set here), a connection test, and the form
// to add one. The secret is never typed here: the form names the environment variable that holds it.
import { useState } from "react";
import { useRouter } from "next/navigation";
import type { EndpointView } from "@/lib/dicomweb/endpoints";
import { AUTH_KINDS, endpointSchema } from "@/lib/dicomweb/schemas";
import { callJson } from "@/components/ui/requestJson";

const field = "mt-1 block w-full rounded border border-slate-300 px-2 py-1 text-sm";

export function EndpointAdmin({ endpoints }: { endpoints: EndpointView[] }) {
  const router = useRouter();
  const [authKind, setAuthKind] = useState<(typeof AUTH_KINDS)[number]>("basic");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<string>) {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ ok: true, text: await action() });
      router.refresh();
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const form = e.currentTarget;
    void run(async () => {
      const input = endpointSchema.parse({
        name: f.get("name"), baseUrl: f.get("baseUrl"), authKind: f.get("authKind"), username: f.get("username") ?? undefined,
        secretEnv: f.get("secretEnv") ?? undefined, proxy: f.get("proxy") === "on",
        timeoutSeconds: Number(f.get("timeoutSeconds") || 30), maxInstanceMB: Number(f.get("maxInstanceMB") || 256),
      });
      await callJson("/api/admin/pacs/endpoints", "POST", input);
      form.reset();
      return `Added ${input.name}.`;
    });
  }

  return (
    <div className="space-y-6">
      <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="pacs-endpoints">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr><th className="p-2">Name</th><th className="p-2">Base URL</th><th className="p-2">Authentication</th><th className="p-2">Images</th><th className="p-2" /></tr>
        </thead>
        <tbody>
          {endpoints.length === 0 && <tr><td className="p-2 text-slate-500" colSpan={5}>No PACS configured yet.</td></tr>}
          {endpoints.map((e) => (
            <tr key={e.id} className="border-t border-slate-100" data-testid={`pacs-endpoint-${e.name}`}>
              <td className="p-2 font-medium">{e.name}</td>
              <td className="p-2 font-mono text-xs">{e.baseUrl}</td>
              <td className="p-2">
                {e.authKind === "none" ? "none" : `${e.authKind}${e.username ? ` as ${e.username}` : ""}, secret in ${e.secretEnv}`}
                {e.authKind !== "none" && !e.secretPresent && <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">not set on this server</span>}
              </td>
              <td className="p-2">{e.proxy ? "stay in the PACS (proxy)" : "copied into the app"}</td>
              <td className="p-2 text-right">
                <button type="button" disabled={busy} className="mr-2 rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50" onClick={() => run(async () => (await callJson<{ message: string }>(`/api/admin/pacs/endpoints/${e.id}/test`, "POST", {})).message)}>
                  Test connection
                </button>
                <button type="button" disabled={busy} className="rounded border border-red-200 px-2 py-1 text-xs text-red-800 hover:bg-red-50" onClick={() => run(async () => (await callJson(`/api/admin/pacs/endpoints/${e.id}`, "DELETE", {}), `Removed ${e.name}.`))}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {message && (
        <p role={message.ok ? "status" : "alert"} data-testid="pacs-message" className={`rounded-md px-3 py-2 text-sm ${message.ok ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-800"}`}>
          {message.text}
        </p>
      )}
      <form onSubmit={onSubmit} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 md:grid-cols-2" aria-label="Add a PACS">
        <label className="block text-sm"><span className="font-medium">Name</span><input name="name" required className={field} placeholder="hospital-pacs" /></label>
        <label className="block text-sm"><span className="font-medium">DICOMweb base URL</span><input name="baseUrl" required className={field} placeholder="https://pacs.example.org/dicom-web" /></label>
        <label className="block text-sm">
          <span className="font-medium">Authentication</span>
          <select name="authKind" value={authKind} onChange={(e) => setAuthKind(e.currentTarget.value as typeof authKind)} className={field}>
            {AUTH_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </label>
        {authKind === "basic" && <label className="block text-sm"><span className="font-medium">Username</span><input name="username" className={field} autoComplete="off" /></label>}
        {authKind !== "none" && (
          <label className="block text-sm">
            <span className="font-medium">Environment variable with the {authKind === "basic" ? "password" : "token"}</span>
            <input name="secretEnv" className={`${field} font-mono`} placeholder="PACS_PASSWORD" autoComplete="off" />
            <span className="text-xs text-slate-500">Set it on every app instance; the secret itself is never stored.</span>
          </label>
        )}
        <label className="block text-sm"><span className="font-medium">Timeout (seconds)</span><input name="timeoutSeconds" type="number" min={1} max={600} defaultValue={30} className={field} /></label>
        <label className="block text-sm"><span className="font-medium">Largest instance (MB)</span><input name="maxInstanceMB" type="number" min={0.01} step="any" max={4096} defaultValue={256} className={field} /></label>
        <label className="block text-sm"><input name="proxy" type="checkbox" /> Proxy mode: images stay in the PACS; the viewer reads them through the app</label>
        <div className="md:col-span-2"><button disabled={busy} className="rounded-md bg-teal-700 px-4 py-2 font-medium text-white hover:bg-teal-800 disabled:opacity-50">Add PACS</button></div>
      </form>
    </div>
  );
}
