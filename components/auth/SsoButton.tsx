"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";

/** Starts the hospital sign-in (code flow with PKCE and state, run by next-auth). */
export function SsoButton({ providerId, name }: { providerId: string; name: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button type="button" disabled={busy} data-testid="sso-sign-in"
      onClick={() => {
        setBusy(true);
        void signIn(providerId, { callbackUrl: "/" }).catch(() => setBusy(false));
      }}
      className="w-full rounded-md border border-teal-700 bg-white px-4 py-2 font-medium text-teal-800 hover:bg-teal-50 disabled:opacity-60">
      {busy ? "Opening the sign-in page…" : `Sign in with ${name}`}
    </button>
  );
}
