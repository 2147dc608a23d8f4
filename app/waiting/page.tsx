import Link from "next/link";

export const metadata = { title: "Waiting for an admin" };

// Where a single-sign-on account without a mapped role lands: it exists, but grants nothing yet.
export default function WaitingPage() {
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-slate-100 to-teal-50 p-6">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 text-center shadow-sm" data-testid="waiting-for-role">
        <h1 className="text-xl font-semibold text-slate-900">Waiting for an admin</h1>
        <p className="mt-3 text-sm text-slate-600">
          You signed in with your hospital account, but it has no role in SpineMed Review yet. An admin has been
          shown your account on the Users page and can give you one (or your hospital can add you to a group that
          maps to a role).
        </p>
        <p className="mt-3 text-sm text-slate-600">Once that is done, sign in again.</p>
        <Link href="/login" className="mt-5 inline-block rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800">
          Back to sign-in
        </Link>
      </div>
    </main>
  );
}
