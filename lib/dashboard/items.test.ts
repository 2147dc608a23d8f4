import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrate";
import { contributionSql } from "./items";

describe("the completion counters' recount statement", () => {
  it("reads DashItemLevel by the recounted items, not whole, with a SpineMed-size table's statistics on SQLite", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "spinemed-dash-plan-")), "plan.db");
    await applyMigrations({ provider: "sqlite", url: `file:${file}`, file });
    const d = new Database(file);
    // The statistics of a 20,000-item database, where the planner used to scan every DashItemLevel row for one item.
    d.exec("ANALYZE");
    d.exec(`DELETE FROM sqlite_stat1 WHERE tbl IN ('DashItemState', 'DashItemLevel')`);
    d.exec(`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('DashItemState', 'sqlite_autoindex_DashItemState_1', '20000 1'), ('DashItemLevel', 'sqlite_autoindex_DashItemLevel_1', '29253 2 1')`);
    d.exec("ANALYZE sqlite_schema");
    const plan = (d.prepare(`EXPLAIN QUERY PLAN ${contributionSql({ sql: "?", params: ["item-1"] }, 1)}`).all("item-1") as { detail: string }[]).map((r) => r.detail);
    d.close();
    const levelSteps = plan.filter((p) => / l\b/.test(p));
    expect(levelSteps.length).toBeGreaterThan(0);
    expect(levelSteps.every((p) => p.startsWith("SEARCH l USING COVERING INDEX sqlite_autoindex_DashItemLevel_1 (itemId=?)")), plan.join("\n")).toBe(true);
  });
});
