// Canonical JSON and sha256: the one byte form that every hash of the product is taken over (item content and
// import lines in lib/items, the audit chain in lib/audit). It sits below both, so neither depends on the other.

import { createHash } from "node:crypto";

/**
 * JSON with object keys sorted (by UTF-16 code units, as RFC 8785 does) at every depth and no whitespace.
 * Follows JSON.stringify otherwise: toJSON() is honoured, undefined and functions are dropped from objects and
 * become null in arrays. Non-finite numbers and BigInt are refused rather than silently becoming null or
 * throwing later, because a hash over them would not survive a database round trip.
 */
export function canonicalJson(value: unknown): string {
  // Fast path: the engine's own JSON.stringify escapes strings far faster than a hand-written walk; the replacer
  // hands it objects with their keys sorted. Objects with integer-like keys (which JavaScript always orders
  // first) and anything unusual take the general path below, which defines the format.
  try {
    const fast = JSON.stringify(value, sortingReplacer);
    if (fast !== undefined) return fast;
  } catch (e) {
    if (!(e instanceof NeedsSlowPath)) throw e;
  }
  const out = write(value, new Set());
  if (out === undefined) throw new TypeError(`canonicalJson: ${typeof value} has no JSON representation`);
  return out;
}

class NeedsSlowPath extends Error {}
const INTEGER_KEY = /^(0|[1-9][0-9]*)$/;

function sortingReplacer(this: unknown, _key: string, value: unknown): unknown {
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value)) throw new NeedsSlowPath();
      return value;
    case "bigint":
      throw new NeedsSlowPath();
    case "object": {
      if (value === null || Array.isArray(value)) return value;
      const keys = Object.keys(value);
      let sorted = true;
      for (let i = 0; i < keys.length; i++) {
        if (INTEGER_KEY.test(keys[i])) throw new NeedsSlowPath();
        if (i > 0 && keys[i - 1] > keys[i]) sorted = false;
      }
      if (sorted) return value;
      const copy: Record<string, unknown> = {};
      for (const k of keys.sort()) copy[k] = (value as Record<string, unknown>)[k];
      return copy;
    }
    default:
      return value;
  }
}

function write(value: unknown, ancestors: Set<object>): string | undefined {
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case "bigint":
      throw new TypeError("canonicalJson: BigInt is not a JSON value");
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  if (value === null) return "null";
  const object = value as object;
  if (ancestors.has(object)) throw new TypeError("canonicalJson: circular structure");
  ancestors.add(object);
  let out: string;
  if (Array.isArray(object)) {
    out = `[${object.map((v) => write(v, ancestors) ?? "null").join(",")}]`;
  } else {
    const record = object as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const v = write(record[key], ancestors);
      if (v !== undefined) parts.push(`${JSON.stringify(key)}:${v}`);
    }
    out = `{${parts.join(",")}}`;
  }
  ancestors.delete(object);
  return out;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
