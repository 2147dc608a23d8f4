import { describe, expect, it } from "vitest";
import { browseFilterSchema, MAX_SEARCH, resolveFilter, searchTerms } from "./filters";
import { countSql, decodeCursor, encodeCursor, ftsPhrase, ftsQuery, likeContains, numbered, pageSql, usesTrigrams } from "./query";

const resolved = (x: Record<string, string>) => resolveFilter(browseFilterSchema.parse(x));

describe("search terms", () => {
  it("splits on white space and keeps quoted phrases whole", () => {
    expect(searchTerms(`disc  "nerve root" 椎间盘`)).toEqual(["disc", "nerve root", "椎间盘"]);
  });
  it("keeps every metacharacter literally", () => {
    expect(searchTerms(`%_* () ' OR 1=1; -- \\`)).toEqual(["%_*", "()", "'", "OR", "1=1;", "--", "\\"]);
  });
  it("counts Chinese characters, not bytes, for the trigram limit", () => {
    expect(usesTrigrams("腰椎")).toBe(false);
    expect(usesTrigrams("腰椎间")).toBe(true);
    expect(usesTrigrams("L4")).toBe(false);
  });
  it("refuses a search longer than the limit with a message that says so", () => {
    const r = browseFilterSchema.safeParse({ q: "x".repeat(10_000) });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toContain(`at most ${MAX_SEARCH} characters`);
  });
});

describe("FTS5 and LIKE escaping", () => {
  it("quotes each term so that nothing in it is FTS syntax; inner quotes are doubled", () => {
    expect(ftsPhrase(`say "hi"`)).toBe(`"say ""hi"""`);
    expect(ftsPhrase("NEAR(a b) OR c*")).toBe(`"NEAR(a b) OR c*"`);
    expect(ftsQuery(["disc", "L4", "腰椎间盘"])).toBe(`"disc" AND "腰椎间盘"`);
    expect(ftsQuery(["L4", "腰"])).toBeNull();
  });
  it("escapes %, _ and the escape character in LIKE patterns", () => {
    expect(likeContains("50%_a\\b")).toBe("%50\\%\\_a\\\\b%");
  });
});

describe("page SQL", () => {
  it("never puts a user value in the SQL text", () => {
    const nasty = `'; DROP TABLE "Item"; --`;
    for (const d of ["sqlite", "postgres"] as const) {
      const sql = pageSql(d, { filter: resolved({ q: nasty, subfield: nasty, reviewer: nasty, batch: nasty, ext: nasty }), sort: "externalId", cursor: null, limit: 50 });
      expect(sql.text).not.toContain("DROP");
      expect(sql.params).toContain(nasty);
      expect(sql.text.split("?").length - 1).toBe(sql.params.length);
    }
  });
  it("uses the FTS table on SQLite for long terms and LIKE for short ones", () => {
    const sql = pageSql("sqlite", { filter: resolved({ q: "herniation 腰" }), sort: "externalId", cursor: null, limit: 50 });
    expect(sql.text).toContain(`f."ItemSearchFts" MATCH ?`);
    expect(sql.text).toContain(`t."text" LIKE ? ESCAPE '\\'`);
    expect(sql.params.slice(0, 2)).toEqual([`"herniation"`, "%腰%"]);
    expect(sql.text).toMatch(/ORDER BY f\.rowid ASC LIMIT 51$/);
  });
  it("uses ILIKE for every term on PostgreSQL, numbered parameters and typed enum casts", () => {
    const sql = pageSql("postgres", { filter: resolved({ q: "disc", status: "pending", taskType: "mcq" }), sort: "externalId", cursor: null, limit: 50 });
    expect(sql.text).toContain(`t."text" ILIKE ? ESCAPE '\\'`);
    expect(sql.text).toContain(`i."status" = CAST(? AS "ItemStatus")`);
    expect(numbered("postgres", sql.text)).toContain("$3");
    expect(numbered("postgres", sql.text)).not.toContain("?");
  });
  it("orders by the sort key and the id, and starts after the cursor on both", () => {
    const asc = pageSql("sqlite", { filter: resolved({}), sort: "externalId", cursor: { k: "x-9", id: "c1" }, limit: 50 });
    // The external id is unique: it needs no tie-breaker, and its index gives the order.
    expect(asc.text).toContain(`i."externalId" > ?`);
    expect(asc.text).toMatch(/ORDER BY i\."externalId" ASC LIMIT/);
    expect(asc.params.slice(-1)).toEqual(["x-9"]);
    expect(asc.text).toContain(`+i."stagedBatchId" IS NULL`);
    const desc = pageSql("postgres", { filter: resolved({}), sort: "-updatedAt", cursor: { k: "2026-01-01 00:00:00", id: "c1" }, limit: 50 });
    expect(desc.text).toContain(`i."updatedAt" < CAST(? AS TIMESTAMP(3))`);
    expect(desc.text).toContain(`(i."updatedAt" < CAST(? AS TIMESTAMP(3)) OR (i."updatedAt" = CAST(? AS TIMESTAMP(3)) AND i."id" < ?))`);
    expect(desc.text).toContain(`ORDER BY i."updatedAt" DESC, i."id" DESC`);
  });
  it("turns a value outside its vocabulary into an empty result with a reason, not an error", () => {
    expect(resolved({ status: "bogus" }).impossible).toContain(`status "bogus"`);
    expect(resolved({ level: "L9" }).impossible).toContain("L9");
    expect(resolved({ gold: "maybe" }).impossible).toContain("yes or no");
    expect(resolved({ level: "l4-5" }).level).toBe("L4/L5");
  });
  it("counts with the same conditions", () => {
    const c = countSql("sqlite", resolved({ q: "disc", level: "L4/L5" }));
    expect(c.text).toMatch(/^SELECT COUNT\(\*\)/);
    expect(c.params).toEqual([`"disc"`, "L4/L5"]);
  });
});

describe("cursors", () => {
  it("round-trip, and anything else is no cursor", () => {
    expect(decodeCursor(encodeCursor({ k: "a", id: "b" }))).toEqual({ k: "a", id: "b" });
    expect(decodeCursor(encodeCursor({ k: 12, id: "b" }))).toEqual({ k: 12, id: "b" });
    expect(decodeCursor("not-base64-json")).toBeNull();
    expect(decodeCursor(Buffer.from(JSON.stringify({ a: 1 })).toString("base64url"))).toBeNull();
  });
});
