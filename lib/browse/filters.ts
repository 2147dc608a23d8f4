// What the items browser filters, sorts and searches by, as it stands in the page's URL (so a view can be shared)
// and in a bulk action's "whole filter" selection. Shared by the page, the routes, the bulk job and the CLI; no
// server imports.
//
// A value outside a vocabulary (status=bogus, level=L9) is not an error: it is remembered as such and the list is
// empty ("no item has status bogus"). Only a search that is too long is refused, with a message.
import { z } from "zod";
import { LANGUAGES, MODALITIES, SOURCE_TYPES } from "@/lib/items/schema";
import { TASK_TYPES, type TaskType } from "@/lib/items/content";
import { parseLevel } from "@/lib/levels";
import { ITEM_STATUSES, type ItemStatus } from "@/lib/review/lifecycle";

export const MAX_SEARCH = 200;
export const PAGE_SIZE = 50;

export const SORTS = ["externalId", "-externalId", "-updatedAt", "updatedAt"] as const;
export type Sort = (typeof SORTS)[number];
export const SORT_LABELS: Record<Sort, string> = {
  externalId: "External id A→Z",
  "-externalId": "External id Z→A",
  "-updatedAt": "Last changed, newest first",
  updatedAt: "Last changed, oldest first",
};

export const YES_NO = ["yes", "no"] as const;

/** The filter keys as they appear in the URL, in display order. */
export const FILTER_KEYS = ["q", "status", "taskType", "level", "modality", "source", "subfield", "language", "reviewer", "batch", "gold", "disputed", "corrected", "ext"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const value = (max = 100) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((v) => (v ? v : undefined));

/** One filter as it is read from the URL or sent by a client: strings, every one optional. */
export const browseFilterSchema = z.object({
  q: z
    .string()
    .max(MAX_SEARCH, `The search is too long: at most ${MAX_SEARCH} characters. Search for a shorter phrase.`)
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined)),
  status: value(),
  taskType: value(),
  level: value(),
  modality: value(),
  source: value(),
  subfield: value(),
  language: value(),
  reviewer: value(),
  batch: value(),
  gold: value(),
  disputed: value(),
  corrected: value(),
  ext: value(200),
});
export type BrowseFilterInput = z.input<typeof browseFilterSchema>;
export type BrowseFilter = z.output<typeof browseFilterSchema>;

/** The page's URL: the filter plus sort and cursor. */
export const browseQuerySchema = browseFilterSchema.extend({
  sort: z.enum(SORTS).optional().catch(undefined),
  cursor: z.string().max(2000).optional().catch(undefined),
});
export type BrowseQuery = z.output<typeof browseQuerySchema>;

/** A filter resolved against the vocabularies: typed values, or the reason nothing can match. */
export interface ResolvedFilter {
  terms: string[];
  status?: ItemStatus;
  taskType?: TaskType;
  level?: string;
  modality?: string;
  sourceType?: string;
  subfield?: string;
  language?: string;
  reviewerId?: string;
  batchId?: string;
  gold?: boolean;
  disputed?: boolean;
  corrected?: boolean;
  externalIdPrefix?: string;
  /** Set when a value is outside its vocabulary: the result is empty, and this says why. */
  impossible?: string;
}

/**
 * Search terms: words split on white space, each matched as a substring (quotes group words into one phrase).
 * Every character is kept literally; the query builder quotes and escapes them for the database.
 */
export function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  const terms: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (const m of q.matchAll(re)) {
    const t = (m[1] ?? m[2] ?? "").trim();
    if (t && !terms.includes(t)) terms.push(t);
  }
  return terms.slice(0, 10);
}

function yesNo(v: string | undefined, key: string, out: ResolvedFilter): boolean | undefined {
  if (v === undefined) return undefined;
  if (v === "yes") return true;
  if (v === "no") return false;
  out.impossible ??= `${key} must be yes or no (got "${v}")`;
  return undefined;
}

function oneOf<T extends string>(v: string | undefined, values: readonly T[], what: string, out: ResolvedFilter): T | undefined {
  if (v === undefined) return undefined;
  if ((values as readonly string[]).includes(v)) return v as T;
  out.impossible ??= `no item has ${what} "${v}"`;
  return undefined;
}

export function resolveFilter(f: BrowseFilter): ResolvedFilter {
  const out: ResolvedFilter = { terms: searchTerms(f.q) };
  out.status = oneOf(f.status, ITEM_STATUSES, "status", out);
  out.taskType = oneOf(f.taskType, TASK_TYPES, "task type", out);
  out.modality = oneOf(f.modality, MODALITIES, "modality", out);
  out.sourceType = oneOf(f.source, SOURCE_TYPES, "source", out);
  out.language = oneOf(f.language, LANGUAGES, "language", out);
  if (f.level !== undefined) {
    const parsed = parseLevel(f.level);
    if (parsed.ok) out.level = parsed.level.canonical;
    else out.impossible ??= `no item has level "${f.level}"`;
  }
  out.subfield = f.subfield;
  out.reviewerId = f.reviewer;
  out.batchId = f.batch;
  out.gold = yesNo(f.gold, "gold", out);
  out.disputed = yesNo(f.disputed, "disputed", out);
  out.corrected = yesNo(f.corrected, "has level corrections", out);
  out.externalIdPrefix = f.ext;
  return out;
}

/** The filter's URL parameters (empty values left out), e.g. for links and for a bulk action's selection. */
export function filterParams(f: Partial<Record<FilterKey | "sort" | "cursor", string | undefined>>): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of [...FILTER_KEYS, "sort", "cursor"] as const) {
    const v = f[k];
    if (v) p.set(k, v);
  }
  return p;
}

/** Whether a filter narrows anything (a bulk action on "everything" is asked about twice). */
export function isEmptyFilter(f: BrowseFilter): boolean {
  return FILTER_KEYS.every((k) => f[k] === undefined);
}
