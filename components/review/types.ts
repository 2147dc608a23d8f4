// What the review workspace receives from its page: the review service's plain JSON views.
import type { ReviewItemView } from "@/lib/review/service";
export type { VersionView as WorkspaceVersion, QueueNeighbours } from "@/lib/review/service";

/** The item view, with the round and send-back note of the review campaign contract. */
export type WorkspaceItem = ReviewItemView & { round?: number; sendBackNote?: string | null };
