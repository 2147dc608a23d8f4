// What the review workspace receives from its page: the review service's plain JSON views.
export type { ReviewItemView as WorkspaceItem, VersionView as WorkspaceVersion, QueueNeighbours } from "@/lib/review";
