// The three splits and their ratios (plain data: the export form checks them in the browser too).
export const SPLITS = ["train", "validation", "test"] as const;
export type Split = (typeof SPLITS)[number];
export type SplitRatios = Record<Split, number>;

export const DEFAULT_RATIOS: SplitRatios = { train: 0.8, validation: 0.1, test: 0.1 };

export function validateRatios(r: SplitRatios): string | null {
  const values = SPLITS.map((s) => r[s]);
  if (values.some((v) => !Number.isFinite(v) || v < 0)) return "split ratios must be numbers of 0 or more";
  const sum = values.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 1e-6) return `split ratios must add up to 1 (they add up to ${+sum.toFixed(6)})`;
  return null;
}

