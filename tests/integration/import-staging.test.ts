// Imports that commit in chunks but stay invisible until complete; reports that say what happened; image files
// written only for committed batches; jobs whose worker was killed.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { formatReport } from "@/lib/import/report-text";
import { runImport, type ImportOptions } from "@/lib/import/run";
import { itemWhere } from "@/lib/items/queries";
import { createJob, getJob } from "@/lib/jobs";
import { imageStore, sha256 } from "@/lib/storage";
import { demoFolder, jsonl, line, tempDir } from "./import-fixtures";
import { unique, withDatabase } from "./setup";

const db = withDatabase();
const images = demoFolder();

const base = (itemsFile: string, extra: Partial<ImportOptions> = {}): ImportOptions => ({
  itemsFile, policy: "refuse", dryRun: false, skipInvalid: false, actorId: null, ...extra,
});

/** A PNG no earlier import can have stored (random pixels), in a case folder of its own. */
function uniquePng(root: string, rel: string) {
  const png = new PNG({ width: 8, height: 8 });
  randomBytes(png.data.length).copy(png.data);
  const buf = PNG.sync.write(png);
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), buf);
  return sha256(buf);
}

function cli(args: string[], env: Record<string, string> = {}) {
  return spawn("npx", ["tsx", "--conditions=react-server", ...args], {
    env: { ...process.env, PROGRESS_INTERVAL_MS: "100", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
}

/** Resolves with the output so far as soon as it matches (or when the process ends). */
function waitFor(child: ReturnType<typeof cli>, pattern: RegExp) {
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const matched = new Promise<string>((resolve) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      if (pattern.test(output)) resolve(output);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then(() => resolve(output));
  });
  return { matched, exited, output: () => output };
}

describe("import reports", () => {
  it("a refused batch says what would have happened, never that it was written", async () => {
    const dir = tempDir();
    const id = unique("would");
    const file = jsonl(dir, "items.jsonl", [line("open_qa", `${id}-a`), line("open_qa", `${id}-b`), line("open_qa", `${id}-c`, (l) => (l.draft.content.answer = "bad\u0000"))]);
    const r = await runImport(base(file));
    expect(r.status).toBe("refused");
    expect(r.errors).toEqual([{ line: 3, path: "draft.content.answer", message: "contains a NUL character (U+0000): remove it" }]);
    const text = formatReport(r);
    expect(text).toContain("nothing was written");
    expect(text).toMatch(/would have been: 2 created/);
    expect(text).toMatch(/versions +4 would have been written/);
    expect(text).not.toMatch(/\b2 created, 0 updated, 0 unchanged/);
    expect(text).not.toMatch(/versions +4 written/);
  });

  it("an empty file says the file has no items", async () => {
    const dir = tempDir();
    const empty = path.join(dir, "empty.jsonl");
    writeFileSync(empty, "");
    const blank = path.join(dir, "blank.jsonl");
    writeFileSync(blank, "\n  \n\n");
    for (const f of [empty, blank]) {
      const r = await runImport(base(f));
      expect(r.status).toBe("empty");
      expect(formatReport(r)).toMatch(/^The file has no items: nothing to import\./);
      expect(formatReport(r)).not.toContain("already in the database");
    }
  });

  it("counts a binary file's lines as the reader reads them (a lone CR does not end a line)", async () => {
    const dir = tempDir();
    const file = path.join(dir, "binary.jsonl");
    writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x1b, 0x5b, 0x32, 0x4a, 0x0d, 0x00, 0x0d, 0x0a, 0x1b, 0x5d, 0x30, 0x3b, 0x0d, 0xff, 0x0d, 0x41]));
    const r = await runImport(base(file));
    expect(r.file.lines).toBe(2);
    expect(r.counts.lines).toBe(2);
    expect(r.counts.invalid).toBe(2);
    expect(r.errors.map((e) => e.line)).toEqual([1, 2]);
  });

  it("escapes a binary file's control characters in the CLI report", async () => {
    const dir = tempDir();
    const file = path.join(dir, "esc.jsonl");
    writeFileSync(file, Buffer.concat([Buffer.from("\u001b[2J\u001b]0;owned\u0007"), Buffer.from("\n{\"externalId\": \"x\u001b[31m\"}\n")]));
    const child = cli(["cli/import.ts", file]);
    const run = waitFor(child, /$^/);
    const code = await run.exited;
    const out = run.output();
    expect(code).toBe(1);
    expect(out).toContain("Import refused");
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(out).toContain("\\u001b");
  }, 60_000);
});

describe("chunked imports", () => {
  it("other connections write within a second during an import and see none of its items until it completes", async () => {
    const dir = tempDir();
    const id = unique("chunk");
    const file = jsonl(dir, "items.jsonl", Array.from({ length: 30_000 }, (_, i) => line(i % 2 ? "report" : "open_qa", `${id}-${i}`)));
    const child = cli(["cli/import.ts", file, "--images", images.root]);
    try {
      const run = waitFor(child, /items: ([4-9]|1\d|2[0-4]),\d{3}\/30,000/);
      const seen = await run.matched;
      expect(seen).not.toContain("Import completed");
      const writes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await db().rateLimitBucket.upsert({
          where: { key: `${id}-${i}` },
          create: { key: `${id}-${i}`, count: 1, resetAt: new Date(Date.now() + 60_000) },
          update: { count: { increment: 1 } },
        });
        writes.push(performance.now() - t);
        expect(await db().item.count({ where: { externalId: { startsWith: id }, stagedBatchId: null } })).toBe(0);
        expect(await db().item.count({ where: itemWhere({ search: id }) })).toBe(0);
        await new Promise((r) => setTimeout(r, 200));
      }
      // Within a second (the median, on a shared machine); none waits for the import to finish.
      writes.sort((a, b) => a - b);
      expect(writes[2]).toBeLessThan(1000);
      expect(writes[4]).toBeLessThan(3000);
      // The import did write (staged rows exist) while staying invisible.
      expect(await db().item.count({ where: { externalId: { startsWith: id }, stagedBatchId: { not: null } } })).toBeGreaterThan(0);
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain("Import completed");
    } finally {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
    }
    expect(await db().item.count({ where: { externalId: { startsWith: id }, stagedBatchId: null } })).toBe(30_000);
    expect(await db().item.count({ where: itemWhere({ search: id }) })).toBe(30_000);
  }, 240_000);

  it("a changed item keeps its state until the batch completes; a failure at the end changes nothing", async () => {
    const dir = tempDir();
    const id = unique("late");
    await runImport(base(jsonl(dir, "v1.jsonl", [line("open_qa", `${id}-a`, (l) => (l.levels = ["L4/L5"]))])));
    const a = await db().item.findUniqueOrThrow({ where: { externalId: `${id}-a` }, include: { levels: true, versions: true } });
    const v2 = jsonl(dir, "v2.jsonl", [line("open_qa", `${id}-a`, (l) => { l.levels = ["L5/S1"]; l.revision.content.answer += " Changed."; l.subfield = a.subfield === "trauma" ? "tumor" : "trauma"; })]);
    await expect(
      runImport(base(v2, { onProgress: (p) => { if (p.phase === "saving" && p.done === 0) throw new Error("stopped before the last transaction"); } })),
    ).rejects.toThrow("stopped before the last transaction");
    const same = await db().item.findUniqueOrThrow({ where: { id: a.id }, include: { levels: true, versions: true } });
    expect(same.currentVersionId).toBe(a.currentVersionId);
    expect(same.subfield).toBe(a.subfield);
    expect(same.levels.map((l) => l.level)).toEqual(["L4/L5"]);
    expect(same.versions).toHaveLength(a.versions.length);
    expect(await db().item.count({ where: { stagedBatchId: { not: null } } })).toBe(0);
    const r = await runImport(base(v2));
    expect(r.counts).toMatchObject({ updated: 1, versionsCreated: 1 });
    const now = await db().item.findUniqueOrThrow({ where: { id: a.id }, include: { levels: true, versions: { orderBy: { number: "asc" } } } });
    expect(now.levels.map((l) => l.level)).toEqual(["L5/S1"]);
    expect(now.versions.map((v) => `${v.number}:${v.kind}`)).toEqual(["1:draft", "2:revision", "3:revision"]);
    expect(now.currentVersionId).toBe(now.versions[2].id);
    expect(now.versions[2].stagedBatchId).toBeNull();
    expect(now.round).toBe(1); // never reviewed: same round, new text
  });

  it("new text on a reviewed item starts a new round with its review slots open; nothing else reopens", async () => {
    const dir = tempDir();
    const id = unique("round");
    await runImport(base(jsonl(dir, "v1.jsonl", [
      line("open_qa", `${id}-changed`, (l) => (l.requiredReviews = 2)),
      line("open_qa", `${id}-same`, (l) => (l.requiredReviews = 2)),
    ])));
    for (const ext of [`${id}-changed`, `${id}-same`]) {
      await db().item.update({ where: { externalId: ext }, data: { status: "approved", openSlots: 0, finalDecision: "accept" } });
    }
    const r = await runImport(base(jsonl(dir, "v2.jsonl", [
      line("open_qa", `${id}-changed`, (l) => { l.requiredReviews = 3; l.revision.content.answer += " New text."; }),
      line("open_qa", `${id}-same`, (l) => (l.requiredReviews = 2)),
    ])));
    expect(r.status).toBe("completed");
    expect(r.counts).toMatchObject({ updated: 1, unchanged: 1, reReview: 1 });
    expect(r.reReviewItems).toEqual([`${id}-changed`]);
    const changed = await db().item.findUniqueOrThrow({ where: { externalId: `${id}-changed` } });
    expect(changed).toMatchObject({ status: "pending", round: 2, requiredReviews: 3, openSlots: 3 });
    const same = await db().item.findUniqueOrThrow({ where: { externalId: `${id}-same` } });
    expect(same).toMatchObject({ status: "approved", round: 1, openSlots: 0 });
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "item.reimported", targetId: changed.id } });
    expect(event.before).toEqual({ status: "approved" });
  });

  it("takes the import's default number of required reviews where a line gives none, and opens that many slots", async () => {
    const dir = tempDir();
    const id = unique("req");
    const r = await runImport(base(jsonl(dir, "items.jsonl", [
      line("open_qa", `${id}-default`, (l) => delete l.requiredReviews),
      line("open_qa", `${id}-own`, (l) => (l.requiredReviews = 2)),
    ]), { requiredReviews: 3 }));
    expect(r.status).toBe("completed");
    expect(await db().item.findUniqueOrThrow({ where: { externalId: `${id}-default` } })).toMatchObject({ requiredReviews: 3, openSlots: 3, round: 1 });
    expect(await db().item.findUniqueOrThrow({ where: { externalId: `${id}-own` } })).toMatchObject({ requiredReviews: 2, openSlots: 2 });
  });

  it("the CLI refuses a --required-reviews outside 1–5", () => {
    const file = jsonl(tempDir(), "items.jsonl", [line("open_qa", unique("flag"))]);
    const r = spawnSync("npx", ["tsx", "--conditions=react-server", "cli/import.ts", file, "--required-reviews", "6"], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("--required-reviews must be a whole number from 1 to 5");
  }, 60_000);
});

describe("image files of imports", () => {
  it("a refused import leaves no image file in the store; a committed one moves its files in", async () => {
    const root = path.join(tempDir(), "images");
    const id = unique("png");
    const key = uniquePng(root, `${id}-case/lat.png`);
    const dir = tempDir();
    const xr = (ext: string) => line("mcq", ext, (l) => { l.images = [{ path: `${id}-case/lat.png` }]; l.provenance.caseId = `${id}-case`; });
    const refused = await runImport(base(jsonl(dir, "bad.jsonl", [xr(`${id}-a`), line("mcq", `${id}-b`, (l) => (l.levels = ["L9"]))]), { imagesDir: root }));
    expect(refused.status).toBe("refused");
    expect(refused.counts.images).toMatchObject({ accepted: 1, stored: 0 });
    expect(await imageStore().has(key)).toBe(false);
    expect(await imageStore().stagingAreas()).toEqual([]);
    expect(await db().image.count({ where: { sha256: key } })).toBe(0);
    expect(await db().case.count({ where: { externalId: `${id}-case` } })).toBe(0);

    const done = await runImport(base(jsonl(dir, "good.jsonl", [xr(`${id}-a`)]), { imagesDir: root }));
    expect(done.status).toBe("completed");
    expect(done.counts.images.stored).toBe(1);
    expect(await imageStore().has(key)).toBe(true);
    expect(await imageStore().stagingAreas()).toEqual([]);
  });

  it("images:sweep removes files no image row refers to and stale staging folders; --dry-run only lists them", async () => {
    const orphan = await imageStore().put(randomBytes(64));
    await imageStore().stage("deadbatch", randomBytes(64));
    const referenced = await db().image.findFirstOrThrow({ where: { format: "png" }, select: { storageKey: true } });
    expect(await imageStore().has(referenced.storageKey)).toBe(true);
    const sweep = (args: string[]) => spawnSync("npx", ["tsx", "--conditions=react-server", "cli/images-sweep.ts", ...args], { encoding: "utf8" });
    const dry = sweep(["--dry-run"]);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain(`orphan ${orphan.key}`);
    expect(dry.stdout).toMatch(/would be removed/);
    expect(dry.stdout).toContain("staging folder of batch deadbatch");
    expect(await imageStore().has(orphan.key)).toBe(true);
    const real = sweep([]);
    expect(real.status).toBe(0);
    expect(real.stdout).toMatch(/1 with no image row removed|\d+ with no image row removed/);
    expect(await imageStore().has(orphan.key)).toBe(false);
    expect(await imageStore().has(referenced.storageKey)).toBe(true);
    expect((await imageStore().stagingAreas()).map((a) => a.batchId)).not.toContain("deadbatch");
  }, 60_000);
});

describe("import jobs", () => {
  it("a job whose worker was killed is marked failed with the reason when read", async () => {
    const admin = await db().user.create({ data: { email: `${unique("adm")}@x.org`, name: "A", role: "admin", passwordHash: "x" } });
    const jobId = await createJob("import", admin.id, "import items.jsonl");
    const id = unique("job");
    const file = jsonl(tempDir(), "items.jsonl", Array.from({ length: 30_000 }, (_, i) => line("open_qa", `${id}-${i}`)));
    const child = cli(["cli/import.ts", file, "--job", jobId, "--actor-id", admin.id]);
    const run = waitFor(child, /items: ([3-9]|1\d|2[0-4]),\d{3}\/30,000/);
    await run.matched;
    const live = await getJob(jobId);
    expect(live?.status).toBe("running");
    const beat = (await db().job.findUniqueOrThrow({ where: { id: jobId } })).heartbeatAt;
    expect(beat).not.toBeNull();
    process.kill(-child.pid!, "SIGKILL");
    await run.exited;
    // Time passes with no heartbeat: 31 seconds, as the stored heartbeat shows it.
    await db().job.update({ where: { id: jobId }, data: { heartbeatAt: new Date(Date.now() - 31_000) } });
    const dead = await getJob(jobId);
    expect(dead?.status).toBe("failed");
    expect(dead?.error).toMatch(/stopped without finishing: its process gave no sign of life for 3\d s/);
    expect(await db().item.count({ where: { externalId: { startsWith: id }, stagedBatchId: null } })).toBe(0);
  }, 240_000);
});
