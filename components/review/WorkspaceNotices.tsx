// The notes above the item: someone else now holds it (saving is off, the draft is kept), it was sent back for
// another review (with the note saying why), the reviewer's unsaved work was restored, or they already reviewed it.
import { ReviewText } from "./ReviewText";
import type { WorkspaceItem } from "./types";
import type { LeaseLost } from "./useHeartbeat";

function formatUntil(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const sameDay = d.toDateString() === new Date().toDateString();
  return d.toLocaleString(undefined, sameDay ? { hour: "2-digit", minute: "2-digit" } : { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
}

interface Props {
  item: WorkspaceItem;
  lost: LeaseLost | null;
  restored: boolean;
}

export function WorkspaceNotices({ item, lost, restored }: Props) {
  return (
    <>
      {lost && (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-2 py-1.5 text-sm text-amber-950" data-testid="lease-lost">
          {lost.holder ? (
            <>
              <strong>{lost.holder}</strong> now holds this item{lost.until ? ` until ${formatUntil(lost.until)}` : ""}; your work is kept as a draft on this computer. Saving is off for this item.
            </>
          ) : (
            <>{lost.message} Saving is off until you reopen the item.</>
          )}
        </p>
      )}
      {item.sendBackNote && (
        <div className="rounded border border-violet-300 bg-violet-50 px-2 py-1.5 text-sm text-violet-950" data-testid="send-back-note">
          <p className="text-xs font-semibold uppercase tracking-wide">Sent back for another review{item.round > 1 ? ` (round ${item.round})` : ""}</p>
          <ReviewText text={item.sendBackNote} />
        </div>
      )}
      {restored && <p className="rounded bg-sky-50 px-2 py-1 text-xs text-sky-900" data-testid="draft-restored">Your unsaved work on this item was restored.</p>}
      {item.myReview && (
        <p className="rounded bg-emerald-50 px-2 py-1 text-xs text-emerald-900">
          You reviewed this item ({item.myReview.decision}) on {item.myReview.submittedAt.slice(0, 16).replace("T", " ")}.
        </p>
      )}
    </>
  );
}
