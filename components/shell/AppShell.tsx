import Link from "next/link";
import type { SessionUser } from "@/lib/auth/session";
import { navigationFor, ROLE_LABELS } from "@/lib/auth/roles";
import { NavLink } from "./NavLink";
import { SignOutButton } from "./SignOutButton";

export function AppShell({ user, children }: { user: SessionUser; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-2">
          <Link href="/" className="font-semibold tracking-tight text-teal-800">SpineMed Review</Link>
          <nav aria-label="Main" className="flex flex-1 flex-wrap gap-1" data-testid="main-nav">
            {navigationFor(user.role).map((n) => (
              <NavLink key={n.href} href={n.href} label={n.label} />
            ))}
          </nav>
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-700" data-testid="current-user">
              {user.name} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{ROLE_LABELS[user.role]}</span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">{children}</main>
    </div>
  );
}
