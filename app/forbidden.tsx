import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg p-10 text-center" data-testid="forbidden">
      <p className="text-sm font-semibold tracking-wide text-teal-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold">This page is not for your role</h1>
      <p className="mt-3 text-slate-600">Your account cannot open this page. If you need access, ask an admin.</p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-teal-700 px-4 py-2 text-white hover:bg-teal-800">
        Back to your work
      </Link>
    </main>
  );
}
