// Another process holding the lock a write needs (on SQLite the database's write lock, as an import's chunk
// does; on PostgreSQL the row's lock): the server's writes wait for it without stopping the server — timers fire
// on time — and go through once it is free; nothing is lost.
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { dbConfig } from "@/lib/db/client";
import { isBusy, whileBusy } from "@/lib/db/sqlite-adapter";
import { unique, withDatabase } from "./setup";

const db = withDatabase();

describe("waiting for the SQLite write lock", () => {
  it("a transaction and a plain write wait for another connection's lock while the event loop keeps running", async () => {
    const config = dbConfig();
    const email = `${unique("lock")}@example.org`;
    const user = await db().user.create({ data: { email, name: "Before", role: "reviewer", passwordHash: "x" } });

    let release: () => Promise<void>;
    if (config.provider === "sqlite") {
      const other = new Database(config.file);
      other.exec("BEGIN IMMEDIATE");
      release = async () => {
        other.exec("COMMIT");
        other.close();
      };
    } else {
      const other = new pg.Client({ connectionString: config.url });
      await other.connect();
      await other.query("BEGIN");
      await other.query(`SELECT 1 FROM "User" WHERE "id" = $1 FOR UPDATE`, [user.id]);
      release = async () => {
        await other.query("COMMIT");
        await other.end();
      };
    }
    const heldFrom = performance.now();
    let committedAt = 0;
    const tx = db().$transaction(async (t) => t.user.update({ where: { id: user.id }, data: { name: "In a transaction" } })).then(() => (committedAt = performance.now()));
    const plain = db().user.update({ where: { id: user.id }, data: { active: true } });

    // While the lock is held: timers fire on time (nothing blocks the event loop).
    const lags: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      await new Promise((r) => setTimeout(r, 20));
      lags.push(performance.now() - t - 20);
    }
    expect(Math.max(...lags)).toBeLessThan(100);
    expect(committedAt).toBe(0);
    const releasedAt = performance.now();
    await release();

    await Promise.all([tx, plain]);
    expect(committedAt).toBeGreaterThanOrEqual(releasedAt);
    expect(releasedAt - heldFrom).toBeGreaterThan(150);
    const after = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.name).toBe("In a transaction");
    expect(after.active).toBe(true);
  });
});

describe("the lock's retry rule", () => {
  it("knows a busy error in both forms, and nothing else", () => {
    expect(isBusy(Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }))).toBe(true);
    expect(isBusy({ name: "DriverAdapterError", cause: { kind: "SocketTimeout", originalCode: "SQLITE_BUSY_SNAPSHOT" } })).toBe(true);
    expect(isBusy(Object.assign(new Error("UNIQUE constraint failed"), { code: "SQLITE_CONSTRAINT_UNIQUE" }))).toBe(false);
    expect(isBusy(new Error("boom"))).toBe(false);
  });

  it("tries again while busy, gives up with a clear error after the wait, and passes other errors at once", async () => {
    let calls = 0;
    const busy = () => Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
    expect(await whileBusy(async () => (++calls < 4 ? Promise.reject(busy()) : "done"))).toBe("done");
    expect(calls).toBe(4);
    const gaveUp = await whileBusy(() => Promise.reject(busy()), 30).catch((e: { cause?: { kind?: string; originalMessage?: string } }) => e);
    expect(gaveUp.cause?.kind).toBe("SocketTimeout");
    expect(gaveUp.cause?.originalMessage).toMatch(/stayed locked for 0.03 s/);
    calls = 0;
    await expect(whileBusy(async () => (++calls, Promise.reject(new Error("not a lock"))))).rejects.toThrow("not a lock");
    expect(calls).toBe(1);
  });
});
