// The input shape of the agreement statistics (one row per item: the category each rater gave) and the helpers
// that turn it into the matrix each statistic needs: the two-rater contingency table (Cohen), the items ×
// categories count matrix (Fleiss) and the list of values per unit (Krippendorff). Pure: no database.

/** A rating: a category label (nominal) or a score (ordinal rubric 1–5, interval). */
export type Category = string | number;

/** One item and the rating each rater gave it; a rater who did not rate the item is absent (or null). */
export interface RatedItem {
  itemId: string;
  ratings: Readonly<Record<string, Category | null | undefined>>;
}

function present(v: Category | null | undefined): v is Category {
  return v !== null && v !== undefined && !(typeof v === "number" && !Number.isFinite(v));
}

/** Numbers before strings; numbers in numeric order, strings in code-point order. */
export function compareCategories(a: Category, b: Category): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every rater who rated at least one item, sorted. */
export function ratersOf(items: readonly RatedItem[]): string[] {
  const raters = new Set<string>();
  for (const item of items) for (const [rater, v] of Object.entries(item.ratings)) if (present(v)) raters.add(rater);
  return [...raters].sort();
}

/** Every category used in the ratings, in order (see compareCategories). */
export function categoriesOf(items: readonly RatedItem[]): Category[] {
  const seen = new Set<Category>();
  for (const item of items) for (const v of Object.values(item.ratings)) if (present(v)) seen.add(v);
  return [...seen].sort(compareCategories);
}

/** The ratings of an item, in rater order, without the missing ones. */
export function valuesOf(item: RatedItem): Category[] {
  return Object.keys(item.ratings)
    .sort()
    .map((r) => item.ratings[r])
    .filter(present);
}

export interface PairTable {
  /** The categories, in the order of the rows and columns; weighted kappa weighs by position in this list. */
  categories: Category[];
  /** counts[i][j]: items rater A put in categories[i] and rater B in categories[j]. */
  counts: number[][];
  /** Items rated by both raters. */
  n: number;
}

/**
 * The contingency table of two raters over the items both rated. `categories` fixes the rows and columns (give
 * the whole rubric scale, e.g. [1, 2, 3, 4, 5], so that weights do not depend on which scores happened to be used);
 * without it the categories used by either rater on those items are taken. Returns null if a rating is not in
 * the given categories.
 */
export function pairTable(
  items: readonly RatedItem[],
  raterA: string,
  raterB: string,
  categories?: readonly Category[],
): PairTable | null {
  const pairs: [Category, Category][] = [];
  for (const item of items) {
    const a = item.ratings[raterA];
    const b = item.ratings[raterB];
    if (present(a) && present(b)) pairs.push([a, b]);
  }
  const cats = categories ? [...categories] : [...new Set(pairs.flat())].sort(compareCategories);
  const index = new Map(cats.map((c, i) => [c, i] as const));
  const counts = cats.map(() => cats.map(() => 0));
  for (const [a, b] of pairs) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined) return null;
    counts[i][j]++;
  }
  return { categories: cats, counts, n: pairs.length };
}

export interface CountMatrix {
  categories: Category[];
  itemIds: string[];
  /** counts[i][j]: raters who put item i in categories[j]. */
  counts: number[][];
}

/**
 * The items × categories count matrix of Fleiss' kappa, over the items with at least one rating. Returns null if
 * a rating is not in the given categories.
 */
export function countMatrix(items: readonly RatedItem[], categories?: readonly Category[]): CountMatrix | null {
  const cats = categories ? [...categories] : categoriesOf(items);
  const index = new Map(cats.map((c, i) => [c, i] as const));
  const itemIds: string[] = [];
  const counts: number[][] = [];
  for (const item of items) {
    const values = valuesOf(item);
    if (values.length === 0) continue;
    const row = cats.map(() => 0);
    for (const v of values) {
      const j = index.get(v);
      if (j === undefined) return null;
      row[j]++;
    }
    itemIds.push(item.itemId);
    counts.push(row);
  }
  return { categories: cats, itemIds, counts };
}

/**
 * The reliability data of Krippendorff's alpha in the shape of his papers: one row per rater, one column per
 * item, null where the rater did not rate the item. Used by tests to write a published matrix as items.
 */
export function itemsFromReliabilityMatrix(rows: readonly (readonly (Category | null)[])[]): RatedItem[] {
  const units = Math.max(0, ...rows.map((r) => r.length));
  const items: RatedItem[] = [];
  for (let u = 0; u < units; u++) {
    const ratings: Record<string, Category | null> = {};
    rows.forEach((row, r) => {
      ratings[`r${r + 1}`] = row[u] ?? null;
    });
    items.push({ itemId: `u${u + 1}`, ratings });
  }
  return items;
}
