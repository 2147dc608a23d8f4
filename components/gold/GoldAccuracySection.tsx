// The admin's section with every reviewer's gold accuracy (a server component that reads it itself).
import { goldAccuracy } from "@/lib/gold/accuracy";
import { GoldAccuracyTable } from "./GoldAccuracyTable";

export async function GoldAccuracySection() {
  const reviewers = await goldAccuracy();
  return (
    <section className="mt-8" aria-labelledby="gold-accuracy-heading">
      <h2 id="gold-accuracy-heading" className="mb-1 text-lg font-semibold">Gold accuracy</h2>
      <p className="mb-3 text-sm text-slate-600">Each reviewer&apos;s latest review of every gold item, scored against its expected outcome (an edit counts as accept; a level is right when its decision and the level it was moved to match).</p>
      <GoldAccuracyTable reviewers={reviewers} />
    </section>
  );
}
