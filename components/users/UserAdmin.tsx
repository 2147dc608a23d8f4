"use client";
import { useState } from "react";
import { createUserSchema } from "@/lib/users/schemas";
import { callJson } from "@/components/ui/requestJson";
import type { UserRow } from "./api";

const ROLE_OPTIONS = ["reviewer", "adjudicator", "admin"] as const;

export function UserAdmin({ meId, initialUsers }: { meId: string; initialUsers: UserRow[] }) {
  const [users, setUsers] = useState(initialUsers);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  const replace = (u: UserRow) => setUsers((list) => list.map((x) => (x.id === u.id ? { ...u, createdAt: x.createdAt } : x)));

  async function run(action: () => Promise<void>, ok: string) {
    setMessage(null);
    try {
      await action();
      setMessage({ kind: "ok", text: ok });
    } catch (e) {
      setMessage({ kind: "error", text: (e as Error).message });
    }
  }

  async function onCreate(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = Object.fromEntries(new FormData(formEl));
    // The same schema as the server: mistakes are shown before the round trip.
    const parsed = createUserSchema.safeParse(form);
    if (!parsed.success) {
      setMessage({ kind: "error", text: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
      return;
    }
    await run(async () => {
      const { user } = await callJson<{ user: UserRow }>("/api/admin/users", "POST", parsed.data);
      setUsers((list) => [...list, { ...user, createdAt: String(user.createdAt) }]);
      formEl.reset();
    }, `Created ${parsed.data.email}.`);
  }

  return (
    <div className="space-y-6">
      {message && (
        <p role={message.kind === "error" ? "alert" : "status"} data-testid="user-admin-message"
          className={`rounded-md px-3 py-2 text-sm ${message.kind === "error" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-800"}`}>
          {message.text}
        </p>
      )}
      <form onSubmit={onCreate} className="grid gap-2 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-5" aria-label="Create user">
        <input name="name" placeholder="Full name" aria-label="Full name" className="rounded border border-slate-300 px-2 py-1.5" />
        <input name="email" type="email" placeholder="E-mail" aria-label="E-mail" className="rounded border border-slate-300 px-2 py-1.5" />
        <select name="role" defaultValue="reviewer" aria-label="Role" className="rounded border border-slate-300 bg-white px-2 py-1.5">
          {ROLE_OPTIONS.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
        <input name="password" type="password" placeholder="Initial password (10+ chars)" aria-label="Initial password" autoComplete="new-password" className="rounded border border-slate-300 px-2 py-1.5" />
        <button className="rounded bg-teal-700 px-3 py-1.5 font-medium text-white hover:bg-teal-800">Create user</button>
      </form>
      <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="users-table">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr><th className="p-2">Name</th><th className="p-2">E-mail</th><th className="p-2">Role</th><th className="p-2">Status</th><th className="p-2">Actions</th></tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <UserRowView key={u.id} user={u} isMe={u.id === meId} onChanged={replace} run={run} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UserRowView({ user, isMe, onChanged, run }: {
  user: UserRow;
  isMe: boolean;
  onChanged: (u: UserRow) => void;
  run: (a: () => Promise<void>, ok: string) => Promise<void>;
}) {
  const [resetting, setResetting] = useState(false);
  const [grant, setGrant] = useState<UserRow["role"]>("reviewer");
  const patch = (data: Partial<UserRow>, ok: string) =>
    run(async () => {
      const { user: u } = await callJson<{ user: UserRow }>(`/api/admin/users/${user.id}`, "PATCH", data);
      onChanged(u);
    }, ok);

  return (
    <tr className={`border-t border-slate-100 ${user.active ? "" : "text-slate-400"}`} data-testid={`user-row-${user.email}`}>
      <td className="p-2">{user.name}{isMe && <span className="ml-1 text-xs text-slate-500">(you)</span>}</td>
      <td className="p-2 font-mono text-xs">{user.email}</td>
      <td className="p-2">
        {user.awaitingRole ? (
          <span className="flex gap-1">
            <select aria-label={`Role to give ${user.email}`} value={grant} onChange={(e) => setGrant(e.target.value as UserRow["role"])}
              className="rounded border border-slate-300 bg-white px-1 py-0.5">
              {ROLE_OPTIONS.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
            <button type="button" className="rounded bg-teal-700 px-2 py-0.5 text-white hover:bg-teal-800"
              onClick={() => patch({ role: grant, active: true }, `${user.email} is now ${grant}.`)}>
              Give role
            </button>
          </span>
        ) : (
          <select aria-label={`Role of ${user.email}`} value={user.role} disabled={isMe}
            onChange={(e) => patch({ role: e.target.value as UserRow["role"] }, `${user.email} is now ${e.target.value}.`)}
            className="rounded border border-slate-300 bg-white px-1 py-0.5">
            {ROLE_OPTIONS.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        )}
      </td>
      <td className="p-2" data-testid={`user-status-${user.email}`}>
        {user.awaitingRole
          ? <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">waiting for a role</span>
          : user.active ? "active" : "deactivated"}
        {user.authSource === "oidc" && <span className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">single sign-on</span>}
      </td>
      <td className="flex flex-wrap gap-2 p-2">
        {!isMe && user.awaitingRole && (
          <button type="button" className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100"
            onClick={() => patch({ active: false }, `${user.email} is refused (deactivated).`)}>
            Refuse
          </button>
        )}
        {!isMe && !user.awaitingRole && (
          <button type="button" className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100"
            onClick={() => patch({ active: !user.active }, `${user.email} ${user.active ? "deactivated" : "reactivated"}.`)}>
            {user.active ? "Deactivate" : "Reactivate"}
          </button>
        )}
        {!isMe && user.active && (
          <button type="button" className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100"
            onClick={() => void run(async () => {
              await callJson(`/api/admin/users/${user.id}/sign-out-everywhere`, "POST", {});
            }, `${user.email} is signed out everywhere.`)}>
            Sign out everywhere
          </button>
        )}
        {user.authSource === "oidc" ? null : resetting ? (
          <form className="flex gap-1" onSubmit={(e) => {
            e.preventDefault();
            const password = String(new FormData(e.currentTarget).get("password") ?? "");
            void run(async () => {
              await callJson(`/api/admin/users/${user.id}/password`, "POST", { password });
              setResetting(false);
            }, `Password of ${user.email} reset.`);
          }}>
            <input name="password" type="password" aria-label={`New password for ${user.email}`} placeholder="New password" autoComplete="new-password" className="w-40 rounded border border-slate-300 px-1" />
            <button className="rounded bg-slate-800 px-2 text-white">Set</button>
            <button type="button" onClick={() => setResetting(false)} className="px-1 text-slate-500">Cancel</button>
          </form>
        ) : (
          <button type="button" className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100" onClick={() => setResetting(true)}>Reset password</button>
        )}
      </td>
    </tr>
  );
}
