import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <p className="text-sm font-semibold tracking-wide text-teal-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Not found</h1>
      <Link href="/" className="mt-6 inline-block text-teal-700 underline">Back to your work</Link>
    </main>
  );
}
