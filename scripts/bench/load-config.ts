// Shared constants of the load benchmark (no server imports: used by the orchestrator and its children).

/** Password of the benchmark's reviewer accounts (they exist only in benchmark databases). */
export const BENCH_PASSWORD = "bench-load-password-1";

export const reviewerEmail = (i: number) => `r${i}@bench.example.org`;

/** Every item of the benchmark asks for two independent reviews, as a real campaign does. */
export const REQUIRED_REVIEWS = 2;

/** Targets on the project's 2-core machine. */
export const TARGETS = {
  nextItemP95Ms: 50,
  saveP95Ms: 100,
  errors: 0,
  doubleLeases: 0,
  lostDecisions: 0,
  duplicatedDecisions: 0,
  saveP95DuringImportMs: 250,
} as const;
