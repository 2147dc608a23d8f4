// Links between the pages of My queue: the filters stay in the URL, the keyset cursor says where a page starts,
// and `at` is the number of its first row (for the # column only; the cursor alone decides what is shown).
export const QUEUE_FILTER_KEYS = ["taskType", "modality", "status", "level"] as const;

export type QueueFilterParams = Partial<Record<(typeof QUEUE_FILTER_KEYS)[number], string>>;

export function queueHref(filters: QueueFilterParams, page: { cursor?: string | null; at?: number } = {}): string {
  const q = new URLSearchParams();
  for (const k of QUEUE_FILTER_KEYS) if (filters[k]) q.set(k, filters[k]!);
  if (page.cursor) {
    q.set("cursor", page.cursor);
    if (page.at && page.at > 1) q.set("at", String(page.at));
  }
  const s = q.toString();
  return s ? `/queue?${s}` : "/queue";
}

/** The first row's number from the URL: a positive whole number, else 1. */
export function firstRowNumber(at: string | undefined): number {
  const n = Number(at);
  return Number.isSafeInteger(n) && n > 0 ? n : 1;
}
