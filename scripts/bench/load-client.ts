// Simulated reviewers of the load benchmark: each loops Next item → read the item → open it → save an accept of
// every level, over HTTP with undici, as the workspace does. Every request's latency is recorded.
import { Pool } from "undici";
import { RUBRIC_DIMENSIONS } from "@/lib/review/rubric";

export type Kind = "next" | "get" | "open" | "save";
export const KINDS: Kind[] = ["next", "get", "open", "save"];

export interface Sample {
  /** performance.now() at the start and end of the request. */
  start: number;
  end: number;
}

export interface LoadResult {
  samples: Record<Kind, Sample[]>;
  /** Review ids the server answered 200 with. */
  savedReviewIds: string[];
  errors: number;
  /** Distinct error messages (kind, status, message) with their counts, in order of first appearance. */
  errorMessages: Map<string, number>;
  /** Next item answered "nothing to review". */
  nothingToReview: number;
  startedAt: number;
  endedAt: number;
}

interface ItemView {
  current: { id: string };
  taskType: string;
  levels: { level: string }[];
}

export interface LoadOptions {
  origin: string;
  /** One Cookie header per reviewer (signed in). */
  sessions: string[];
  /** Called before each round of a reviewer: true ends that reviewer's loop. */
  shouldStop: () => boolean;
  /** Pause of each reviewer between a save and the next Next item (reading time); 0 = a stress test. */
  thinkMs?: number;
}

/** One connection per client (and a spare two), no pipelining, long timeouts: a slow answer is measured, not cut. */
function clientPool(origin: string, clients: number): Pool {
  return new Pool(origin, { connections: clients + 2, pipelining: 1, headersTimeout: 60_000, bodyTimeout: 60_000 });
}

const FULL_RUBRIC = Object.fromEntries(RUBRIC_DIMENSIONS.map((d) => [d, 4]));

export async function runLoad({ origin, sessions, shouldStop, thinkMs = 0 }: LoadOptions): Promise<LoadResult> {
  const pool = clientPool(origin, sessions.length);
  const samples: Record<Kind, Sample[]> = { next: [], get: [], open: [], save: [] };
  const savedReviewIds: string[] = [];
  const errorMessages = new Map<string, number>();
  let errors = 0;
  let nothingToReview = 0;

  const fail = (kind: Kind, what: string) => {
    errors++;
    const key = `${kind}: ${what}`.slice(0, 300);
    errorMessages.set(key, (errorMessages.get(key) ?? 0) + 1);
  };

  /** One request; returns the parsed JSON body of a 2xx answer, else null (the error is counted). */
  async function call(kind: Kind, cookie: string, method: "GET" | "POST", url: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { cookie, accept: "application/json" };
    if (method === "POST") {
      headers["content-type"] = "application/json";
      headers.origin = origin;
    }
    const start = performance.now();
    try {
      const r = await pool.request({ method, path: url, headers, body: method === "POST" ? JSON.stringify(body ?? {}) : undefined });
      const text = await r.body.text();
      const end = performance.now();
      samples[kind].push({ start, end });
      if (r.statusCode < 200 || r.statusCode > 299) {
        let message = text.slice(0, 200);
        try {
          message = (JSON.parse(text) as { error?: string }).error ?? message;
        } catch {
          /* not JSON */
        }
        fail(kind, `${r.statusCode} ${message}`);
        return null;
      }
      return JSON.parse(text);
    } catch (e) {
      samples[kind].push({ start, end: performance.now() });
      fail(kind, `network: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  }

  async function reviewer(cookie: string) {
    while (!shouldStop()) {
      try {
        await round(cookie);
      } catch (e) {
        // An answer of an unexpected shape: counted, and the reviewer goes on.
        fail("next", `client: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  async function round(cookie: string) {
    const next = (await call("next", cookie, "POST", "/api/review/next", {})) as { itemId: string | null } | null;
    if (!next) {
      await new Promise((r) => setTimeout(r, 100));
      return;
    }
    if (!next.itemId) {
      nothingToReview++;
      await new Promise((r) => setTimeout(r, 200));
      return;
    }
    const id = encodeURIComponent(next.itemId);
    const got = (await call("get", cookie, "GET", `/api/review/items/${id}`)) as { item: ItemView } | null;
    if (!got) return;
    const view = got.item;
    const opened = await call("open", cookie, "POST", `/api/review/items/${id}/open`, {});
    if (!opened) return;
    const saved = (await call("save", cookie, "POST", `/api/review/items/${id}/reviews`, {
      baseVersionId: view.current.id,
      decision: "accept",
      levels: view.levels.map((l) => ({ level: l.level, decision: "accept" })),
      ...(view.taskType === "report" ? { rubric: FULL_RUBRIC } : {}),
      timeSpentMs: 30_000,
    })) as { review?: { id: string } } | null;
    if (saved?.review?.id) savedReviewIds.push(saved.review.id);
    else if (saved) fail("save", "200 without a review id");
    // Spread around the mean so that reviewers do not move in lockstep.
    if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
  }

  const startedAt = performance.now();
  await Promise.all(sessions.map((s) => reviewer(s)));
  const endedAt = performance.now();
  await pool.close();
  return { samples, savedReviewIds, errors, errorMessages, nothingToReview, startedAt, endedAt };
}

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of the latencies, in milliseconds with one decimal. */
export function percentiles(samples: Sample[]): Percentiles {
  const ms = samples.map((s) => s.end - s.start).sort((a, b) => a - b);
  const at = (p: number) => (ms.length ? ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)] : 0);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: ms.length, p50: r(at(50)), p95: r(at(95)), p99: r(at(99)), max: r(ms.length ? ms[ms.length - 1] : 0) };
}

/**
 * The server's floor at the same concurrency: every client loops GET /api/health (one trivial query, no session, no
 * domain code) without a pause. No route of the review loop can be faster than this under the same load, so it puts
 * the latency targets beside what the server and machine give at all.
 */
export async function runFloor({ origin, concurrency, shouldStop }: { origin: string; concurrency: number; shouldStop: () => boolean }): Promise<{ requests: Sample[]; errors: number }> {
  const pool = clientPool(origin, concurrency);
  const requests: Sample[] = [];
  let errors = 0;
  const client = async () => {
    while (!shouldStop()) {
      const start = performance.now();
      try {
        const r = await pool.request({ method: "GET", path: "/api/health" });
        await r.body.text();
        if (r.statusCode !== 200) errors++;
        else requests.push({ start, end: performance.now() });
      } catch {
        errors++;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, client));
  } finally {
    await pool.close();
  }
  return { requests, errors };
}
