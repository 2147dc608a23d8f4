"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { callJson } from "@/components/ui/requestJson";

export function SignOutButton() {
  const [error, setError] = useState<string | null>(null);

  // Ends the sessions on every device (a forgotten shared workstation, a lost laptop), then this one's cookie.
  async function everywhere() {
    setError(null);
    try {
      await callJson("/api/auth/sign-out-everywhere", "POST", {});
      await signOut({ callbackUrl: "/login" });
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <span className="inline-flex items-center gap-1">
      <button type="button" onClick={() => signOut({ callbackUrl: "/login" })}
        className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-200">
        Sign out
      </button>
      <button type="button" onClick={() => void everywhere()} title="Ends your sessions on every device"
        className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-200">
        Sign out everywhere
      </button>
      {error && <span role="alert" className="text-sm text-red-700">{error}</span>}
    </span>
  );
}
