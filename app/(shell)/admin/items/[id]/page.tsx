import Link from "next/link";
import { notFound } from "next/navigation";
import { SendBackForm } from "@/components/admin/SendBackForm";
import { AuditHistory } from "@/components/items/AuditHistory";
import { ChangesView } from "@/components/review/ChangesView";
import { ReviewOutcome } from "@/components/adjudication/Outcome";
import { GoldForm } from "@/components/gold/GoldForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { LevelChips, StatusBadge, TaskBadge } from "@/components/ui/badges";
import { getItemRecord } from "@/lib/adjudication/item-record";
import { itemAuditHistory } from "@/lib/browse/audit-history";
import { requirePageRole } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { isDecided } from "@/lib/review/lifecycle";

export const metadata = { title: "Item" };

const when = (iso: string) => iso.slice(0, 16).replace("T", " ");

export default async function AdminItemPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageRole("admin", "adjudicator");
  const { id } = await params;
  let item;
  let audit;
  try {
    item = await getItemRecord(id, user);
    audit = await itemAuditHistory(id);
  } catch (e) {
    if (e instanceof AppError && e.status === 404) notFound();
    throw e;
  }
  return (
    <>
      <PageHeader
        title={item.externalId}
        subtitle={`Round ${item.round} · ${item.requiredReviews} review${item.requiredReviews === 1 ? "" : "s"} required · ${item.openSlots} open slot${item.openSlots === 1 ? "" : "s"}`}
        actions={<Link href={`/adjudication/${item.id}`} className="text-sm text-teal-800 underline">{item.status === "disputed" ? "Adjudicate" : "Reviews side by side"}</Link>}
      />
      <div className="mb-6 flex flex-wrap items-center gap-3 text-sm" data-testid="item-summary">
        <TaskBadge type={item.taskType} />
        <span data-testid="item-status"><StatusBadge status={item.status} /></span>
        {item.finalDecision && <span>final decision: <b>{item.finalDecision}</b></span>}
        {item.isGold && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900" data-testid="gold-badge">gold</span>}
        <span className="flex items-center gap-1">levels <LevelChips levels={item.levels.map((l) => l.level)} /></span>
      </div>
      {item.sendBackNote && <p className="mb-4 rounded border border-sky-200 bg-sky-50 p-2 text-sm">Last send-back note: {item.sendBackNote}</p>}

      <section className="mb-8">
        <h2 className="mb-2 text-lg font-semibold">Versions</h2>
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="versions-table">
          <thead className="bg-slate-100 text-left text-slate-600"><tr><th className="p-2">#</th><th className="p-2">Kind</th><th className="p-2">By</th><th className="p-2">Based on</th><th className="p-2">Levels</th><th className="p-2">Created</th></tr></thead>
          <tbody>
            {item.versions.map((v) => (
              <tr key={v.id} className={`border-t border-slate-100 ${v.id === item.currentVersionId ? "bg-teal-50" : ""}`}>
                <td className="p-2 tabular-nums">{v.number}{v.id === item.currentVersionId && " (current)"}</td>
                <td className="p-2">{v.kind}</td>
                <td className="p-2">{v.authorName ?? v.generatorModel ?? "—"}</td>
                <td className="p-2 tabular-nums">{item.versions.find((b) => b.id === v.basedOnId)?.number ?? "—"}</td>
                <td className="p-2">{v.levels ? <LevelChips levels={v.levels.map((l) => l.level)} /> : "—"}</td>
                <td className="p-2 tabular-nums text-xs">{when(v.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {item.levelChanges.length > 0 && (
          <ul className="mt-2 text-sm text-slate-700" data-testid="level-changes">
            {item.levelChanges.map((c) => <li key={c.at}>{when(c.at)} · {c.actorName ?? "—"}: levels {c.before.join(", ")} → {c.after.join(", ")}</li>)}
          </ul>
        )}
      </section>

      {item.versions.length > 0 && (
        <section className="mb-8" data-testid="version-diff">
          <h2 className="mb-2 text-lg font-semibold">Changes between versions</h2>
          <ChangesView taskType={item.taskType} versions={item.versions} current={item.versions.find((v) => v.id === item.currentVersionId) ?? item.versions[item.versions.length - 1]} edits={null} />
        </section>
      )}

      <section className="mb-8">
        <h2 className="mb-2 text-lg font-semibold">Reviews</h2>
        {item.reviews.length === 0 ? (
          <p className="text-sm text-slate-600">No reviews yet.</p>
        ) : (
          <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="reviews-table">
            <thead className="bg-slate-100 text-left text-slate-600"><tr><th className="p-2">Round</th><th className="p-2">Reviewer</th><th className="p-2">Item</th><th className="p-2">Levels</th><th className="p-2">Submitted</th></tr></thead>
            <tbody>
              {item.reviews.map((r) => (
                <tr key={r.id} className="border-t border-slate-100 align-top">
                  <td className="p-2 tabular-nums">{r.round}</td>
                  <td className="p-2">{r.reviewerName}{r.isAdjudication && <span className="ml-1 rounded bg-violet-100 px-1 text-xs text-violet-900">adjudication</span>}</td>
                  <td className="p-2"><ReviewOutcome outcome={{ decision: r.decision, correctedLevel: null, reason: r.reason, severity: r.severity, comment: r.comment }} /></td>
                  <td className="p-2">
                    <ul className="space-y-1">{r.levels.map((l) => <li key={l.level} className="flex gap-2"><span className="font-mono text-xs font-semibold">{l.level}</span><ReviewOutcome outcome={l} /></li>)}</ul>
                  </td>
                  <td className="p-2 tabular-nums text-xs">{when(r.submittedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="mb-8">
        <h2 className="mb-2 text-lg font-semibold">Audit history</h2>
        <AuditHistory rows={audit.rows} more={audit.more} />
      </section>

      {user.role === "admin" && (
      <div className="grid gap-6 lg:grid-cols-2">
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-1 text-lg font-semibold">Gold standard</h2>
          <p className="mb-3 text-sm text-slate-600">The expected outcome reviewers are scored against. Reviewers are never told an item is gold.</p>
          <GoldForm itemId={item.id} levels={item.levels.map((l) => l.level)} initial={item.gold} />
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-1 text-lg font-semibold">Send back to review</h2>
          <SendBackForm itemId={item.id} decided={isDecided(item.status)} status={item.status.replace("_", " ")} />
        </section>
      </div>
      )}
    </>
  );
}
