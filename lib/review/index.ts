// The review use cases, one per file; this index only names them for the routes and pages.
export type { Actor } from "./access";
export { getReviewItem } from "./get-item";
export { openItem } from "./open-item";
export { heartbeat } from "./heartbeat";
export { releaseItem, releaseExpiredWorkLeases } from "./release";
export { nextItem, NOTHING_TO_REVIEW, type NextItemResult } from "./next-item";
export { submitReview, type SubmitReviewResult, type ConflictVersion } from "./submit-review";
export { reviewQueue, queueNeighbours, type QueueRow, type QueuePage, type QueueNeighbours } from "./queue";
export { itemHistory, type HistoryEvent } from "./history";
export type { ReviewItemView, VersionView, ReviewView, AssignmentView, LevelDecisionView } from "./views";
