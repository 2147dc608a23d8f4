// The calm end of the work: no assigned item left and nothing in the shared pool. Not an error, so it does not
// look like one; the way back to the queue is the only action.
import Link from "next/link";

export function NothingToReview({ message, saved = false }: { message: string; saved?: boolean }) {
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-8 text-center" data-testid="nothing-to-review">
      {saved && <p className="mb-2 text-sm text-emerald-800">Your review was saved.</p>}
      <h2 className="text-lg font-semibold">Nothing to review</h2>
      <p className="mt-2 text-sm text-slate-600">{message}</p>
      <Link href="/queue" className="mt-4 inline-block rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">Back to my queue</Link>
    </div>
  );
}
