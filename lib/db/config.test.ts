import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { DatabaseConfigError, describeDb, resolveDbConfig } from "./config";

const run = promisify(execFile);

describe("resolveDbConfig", () => {
  it("defaults to the SQLite file in the data folder", () => {
    const c = resolveDbConfig({ DATA_DIR: "/srv/spinemed" } as unknown as NodeJS.ProcessEnv);
    expect(c).toMatchObject({ provider: "sqlite", file: "/srv/spinemed/spinemed.db" });
  });

  it("reads file: and postgresql:// URLs", () => {
    expect(resolveDbConfig({ DATABASE_URL: "file:/tmp/x.db" } as unknown as NodeJS.ProcessEnv)).toMatchObject({ provider: "sqlite", file: "/tmp/x.db" });
    const pg = resolveDbConfig({ DATABASE_URL: "postgresql://u:secret@db.example:6543/review" } as unknown as NodeJS.ProcessEnv);
    expect(pg).toMatchObject({ provider: "postgres", host: "db.example", port: 6543, database: "review" });
    expect(describeDb(pg)).toBe("PostgreSQL database 'review' at db.example:6543");
    expect(describeDb(pg)).not.toContain("secret");
  });

  it.each([
    ["mysql://root@localhost/x", "scheme 'mysql' is not supported"],
    ["postgresql://", "has no host"],
    ["postgresql://us er@[bad/x", "not a valid PostgreSQL URL"],
    ["postgresql://user@host:5432/", "names no database"],
    ["file:", "needs a path"],
    ["nonsense", "is not supported"],
  ])("refuses %s with one clear sentence", (url, message) => {
    expect(() => resolveDbConfig({ DATABASE_URL: url } as unknown as NodeJS.ProcessEnv)).toThrow(DatabaseConfigError);
    expect(() => resolveDbConfig({ DATABASE_URL: url } as unknown as NodeJS.ProcessEnv)).toThrow(message);
  });
});

describe("a command started with a bad database", () => {
  const cli = (env: Record<string, string>) =>
    run("npx", ["tsx", "--conditions=react-server", "cli/db-migrate.ts"], { env: { ...process.env, ...env } }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );

  it("says in one line that the URL is malformed", async () => {
    const r = await cli({ DATABASE_URL: "mysql://root@localhost/x" });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      "db:migrate: DATABASE_URL scheme 'mysql' is not supported: use file:<path> for SQLite or postgresql://user@host:5432/database for PostgreSQL",
    ]);
  });

  it("says in one line that PostgreSQL cannot be reached", async () => {
    const r = await cli({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/spinemed" });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual(["db:migrate: Cannot use PostgreSQL database 'spinemed' at 127.0.0.1:1: connection refused: is PostgreSQL running?"]);
  });
});
