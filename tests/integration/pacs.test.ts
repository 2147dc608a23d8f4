// Pull import from a real PACS: Debian's Orthanc with its DICOMweb plugin, started for these tests.
import { execFile } from "node:child_process";
import { readdirSync, existsSync } from "node:fs";
import { promisify } from "node:util";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEndpoint, deleteEndpoint, listEndpoints, updateEndpoint } from "@/lib/dicomweb/endpoints";
import { findPhi } from "@/lib/dicom/phi";
import { parseDicom } from "@/lib/dicom/parse";
import { runImport, type ImportOptions } from "@/lib/import/run";
import { imageStore } from "@/lib/storage";
import { freePort, startOrthanc, type OrthancPeer } from "../peers/orthanc";
import { startFaultyProxy, type FaultyProxy } from "../peers/faulty-proxy";
import { loadFiles, loadTestStudies, spineSeries, type LoadedStudy } from "../peers/pacs-fixtures";
import { jsonl, line, realFolder, tempDir } from "./import-fixtures";
import { withDatabase, unique } from "./setup";

const db = withDatabase();
let pacs: OrthancPeer;
let proxy: FaultyProxy;
let studies: { ct: LoadedStudy; mr: LoadedStudy; spine: LoadedStudy };
const PW_ENV = "PACS_IT_PASSWORD";
const name = unique("orthanc").replace(/[^A-Za-z0-9._-]/g, "");

const base = (itemsFile: string, extra: Partial<ImportOptions> = {}): ImportOptions => ({
  itemsFile, policy: "refuse", dryRun: false, skipInvalid: false, actorId: null, ...extra,
});

/** An items file whose lines each show one PACS study (or series) of the given endpoint. */
function pacsLines(endpoint: string, refs: Record<string, unknown>[], caseId = unique("pacs-case")) {
  const dir = tempDir();
  return jsonl(dir, "items.jsonl", refs.map((ref, i) => line("mcq", unique(`pacs-${i}`), (l) => {
    l.images = [{ pacs: endpoint, ...ref }];
    l.provenance.caseId = caseId;
  })));
}

async function endpoint(suffix: string, patch: Partial<Parameters<typeof createEndpoint>[0]> = {}) {
  return createEndpoint({
    name: `${name}-${suffix}`, baseUrl: pacs.dicomWebUrl, authKind: "basic", username: pacs.username, secretEnv: PW_ENV,
    proxy: false, timeoutSeconds: 20, maxInstanceMB: 64, ...patch,
  }, null);
}

async function snapshot() {
  const [images, batches, items, running] = await Promise.all([
    db().image.count(), db().importBatch.count(), db().item.count({ where: { stagedBatchId: null } }), db().importBatch.count({ where: { status: "running" } }),
  ]);
  const store = imageStore() as unknown as { root: string };
  const staging = path.join(store.root, ".staging");
  return { images, batches, items, running, staged: existsSync(staging) ? readdirSync(staging).length : 0 };
}

beforeAll(async () => {
  process.env[PW_ENV] = "test-only-pw";
  pacs = await startOrthanc({ username: "test", password: "test-only-pw" });
  studies = await loadTestStudies(pacs);
  proxy = await startFaultyProxy(pacs.url);
}, 60_000);

afterAll(async () => {
  await proxy?.stop();
  await pacs?.stop();
});

describe("pull import from Orthanc over DICOMweb", () => {
  it("refuses the PHI file under --policy refuse, naming its tags, and imports the clean series", async () => {
    const ep = await endpoint("refuse");
    const file = pacsLines(ep.name, [{ studyInstanceUid: studies.spine.studyUid }, { studyInstanceUid: studies.ct.studyUid }]);
    const r = await runImport(base(file, { skipInvalid: true }));
    expect(r.status).toBe("completed");
    expect(r.counts.pacs).toEqual({ fetched: 16, alreadyHere: 0 });
    const refused = r.refusedImages.find((f) => f.path === `pacs:${ep.name}/${studies.ct.instanceUids[0]}`);
    expect(refused?.reason).toMatch(/patient-identifying content/);
    expect(refused?.tags).toEqual(expect.arrayContaining([expect.stringMatching(/^PatientName \(0010,0010\)/), expect.stringMatching(/^PatientID/), expect.stringMatching(/^InstitutionName/)]));
    expect(r.errors).toEqual([expect.objectContaining({ line: 2, message: expect.stringMatching(/none of its 1 instances could be imported/) })]);
    const rows = await db().image.findMany({ where: { pacsEndpointId: ep.id }, orderBy: { instanceNumber: "asc" } });
    expect(rows.map((i) => i.pacsInstanceUid)).toEqual(studies.spine.instanceUids);
    const stored = await imageStore().read(rows[0].storageKey);
    expect(parseDicom(stored).sopInstanceUid).toBe(studies.spine.instanceUids[0]); // clean: unchanged
    const item = await db().item.findFirstOrThrow({ where: { images: { some: { imageId: rows[0].id } } }, include: { images: true } });
    expect(item.images).toHaveLength(15);
  });

  it("de-identifies the PHI file under --policy strip, stores it content-addressed, and a re-run fetches only what is missing", async () => {
    // The same file uploaded earlier from a folder: one row per content, which learns where it is in the PACS.
    const uploaded = await runImport(base(jsonl(tempDir(), "none.jsonl", []), { policy: "strip", imagesDir: realFolder(["CT_small.dcm"]) }));
    expect(["completed", "no_changes"]).toContain(uploaded.status);
    const ep = await endpoint("strip");
    const first = pacsLines(ep.name, [{ studyInstanceUid: studies.ct.studyUid }]);
    const r = await runImport(base(first, { policy: "strip" }));
    expect(r.status).toBe("completed");
    expect(r.counts.pacs).toEqual({ fetched: 1, alreadyHere: 0 });
    expect(r.counts.images.stripped).toBe(1);
    const row = await db().image.findFirstOrThrow({ where: { pacsEndpointId: ep.id } });
    const stored = await imageStore().read(row.storageKey);
    expect(findPhi(stored)).toEqual([]);
    expect(parseDicom(stored).sopInstanceUid).not.toBe(studies.ct.instanceUids[0]);
    expect(row.pacsInstanceUid).toBe(studies.ct.instanceUids[0]);
    expect(row.deidentification).toMatchObject({ policy: "strip" });

    const again = await runImport(base(first, { policy: "strip" }));
    expect(again.counts.pacs).toEqual({ fetched: 0, alreadyHere: 1 });
    expect(again.status).toBe("no_changes");

    const more = pacsLines(ep.name, [{ studyInstanceUid: studies.ct.studyUid }, { studyInstanceUid: studies.mr.studyUid }]);
    const third = await runImport(base(more, { policy: "strip" }));
    expect(third.status).toBe("completed");
    expect(third.counts.pacs).toEqual({ fetched: 1, alreadyHere: 1 });
    expect(await db().image.count({ where: { pacsEndpointId: ep.id } })).toBe(2);
  });

  it("pulls one series or one instance when the line narrows the study", async () => {
    const ep = await endpoint("narrow");
    const series = await loadFiles(pacs, spineSeries(5, 42));
    const file = pacsLines(ep.name, [{ studyInstanceUid: series.studyUid, seriesInstanceUid: series.seriesUid, sopInstanceUid: series.instanceUids[3] }]);
    const r = await runImport(base(file));
    expect(r.counts.pacs).toEqual({ fetched: 1, alreadyHere: 0 });
    expect((await db().image.findFirstOrThrow({ where: { pacsEndpointId: ep.id } })).pacsInstanceUid).toBe(series.instanceUids[3]);
    const whole = await runImport(base(pacsLines(ep.name, [{ studyInstanceUid: series.studyUid, seriesInstanceUid: series.seriesUid }])));
    expect(whole.counts.pacs).toEqual({ fetched: 4, alreadyHere: 1 });
  });

  it("a wrong password, an unreachable PACS and an unknown study each give one clear message, with nothing written", async () => {
    process.env.PACS_IT_WRONG = "not-the-password";
    const wrong = await endpoint("wrong-pw", { secretEnv: "PACS_IT_WRONG" });
    const before = await snapshot();
    await expect(runImport(base(pacsLines(wrong.name, [{ studyInstanceUid: studies.spine.studyUid }])))).rejects.toThrow(
      `The PACS "${wrong.name}" refused the credentials (HTTP 401): check the username and the secret in the environment variable PACS_IT_WRONG.`,
    );
    const deadPort = await freePort();
    const dead = await endpoint("dead", { baseUrl: `http://127.0.0.1:${deadPort}/dicom-web` });
    await expect(runImport(base(pacsLines(dead.name, [{ studyInstanceUid: studies.spine.studyUid }])))).rejects.toThrow(
      `The PACS "${dead.name}" at http://127.0.0.1:${deadPort}/dicom-web cannot be reached (connection refused).`,
    );
    const unset = await endpoint("unset", { secretEnv: "PACS_IT_NOT_SET" });
    await expect(runImport(base(pacsLines(unset.name, [{ studyInstanceUid: studies.spine.studyUid }])))).rejects.toThrow(
      `The PACS "${unset.name}" needs its password in the environment variable PACS_IT_NOT_SET, which is not set on this server.`,
    );
    expect(await snapshot()).toEqual(before);

    const ep = await endpoint("unknown");
    const r = await runImport(base(pacsLines(ep.name, [{ studyInstanceUid: "1.2.826.0.1.3680043.99999.1" }])));
    expect(r.status).toBe("refused");
    expect(r.errors.map((e) => e.message)).toEqual([`PACS ${ep.name} study 1.2.826.0.1.3680043.99999.1: Study 1.2.826.0.1.3680043.99999.1 is not on PACS "${ep.name}".`]);
    const nameless = await runImport(base(pacsLines("no-such-pacs", [{ studyInstanceUid: studies.spine.studyUid }])));
    expect(nameless.errors[0].message).toMatch(/no PACS endpoint named no-such-pacs/);
    expect(await snapshot()).toEqual(before);
  });

  it("reports garbage, a truncated multipart answer and an oversize instance, and goes on; or stops with nothing written", async () => {
    const series = await loadFiles(pacs, spineSeries(6, 21));
    const [garbage, truncated, notDicom] = series.instanceUids;
    proxy.faults.set(garbage, "garbage").set(truncated, "truncate").set(notDicom, "not-dicom");
    const ep = await endpoint("faulty", { baseUrl: `${proxy.url}/dicom-web` });
    const file = pacsLines(ep.name, [{ studyInstanceUid: series.studyUid }]);

    const before = await snapshot();
    const stopped = await runImport(base(file, { onBadInstance: "stop" }));
    expect(stopped.status).toBe("refused");
    expect(stopped.errors[0].message).toMatch(/^stopped at a bad PACS instance \(--on-bad-instance stop\), nothing was written: pacs:/);
    expect(await snapshot()).toEqual(before);

    const r = await runImport(base(file));
    expect(r.status).toBe("completed");
    const reasons = Object.fromEntries(r.refusedImages.map((f) => [f.path.split("/").pop(), f.reason]));
    expect(reasons[garbage]).toMatch(/broken multipart answer: no multipart boundary found/);
    expect(reasons[truncated]).toMatch(/broken multipart answer: the multipart answer is truncated/);
    expect(reasons[notDicom]).toBe("not a DICOM, PNG or JPEG file");
    expect(r.counts.images.accepted).toBe(3);
    expect(await db().image.count({ where: { pacsEndpointId: ep.id } })).toBe(3);

    // The PACS is repaired: a re-run fetches the three that are missing, nothing else.
    proxy.faults.clear();
    const again = await runImport(base(file));
    expect(again.counts.pacs).toEqual({ fetched: 3, alreadyHere: 3 });
    expect(await db().image.count({ where: { pacsEndpointId: ep.id } })).toBe(6);

    // Over the endpoint's size limit (a 512×512 slice is about 0.5 MB).
    const big = await loadFiles(pacs, spineSeries(2, 33, 512));
    const small = await endpoint("small", { maxInstanceMB: 0.1 });
    const oversize = await runImport(base(pacsLines(small.name, [{ studyInstanceUid: big.studyUid }]), { skipInvalid: true }));
    expect(oversize.refusedImages.map((f) => f.reason).sort()).toEqual(
      big.instanceUids.map((u) => `Instance ${u} is larger than the limit of 102 KB set for PACS "${small.name}".`).sort(),
    );
    expect(await db().image.count({ where: { pacsEndpointId: small.id } })).toBe(0);
    expect((await snapshot()).staged).toBe(0);
  });

  it("attaches studies to a case without items, and keeps proxy-mode images out of the store", async () => {
    const ep = await endpoint("proxy", { proxy: true });
    const series = await loadFiles(pacs, spineSeries(4, 41));
    const caseId = unique("attached");
    const r = await runImport(base(jsonl(tempDir(), "none.jsonl", []), { pacsStudies: [{ ref: { pacs: ep.name, studyInstanceUid: series.studyUid }, caseExternalId: caseId }] }));
    expect(r.status).toBe("completed");
    const rows = await db().image.findMany({ where: { pacsEndpointId: ep.id }, include: { series: { include: { case: true } } } });
    expect(rows).toHaveLength(4);
    expect(rows.every((i) => i.proxied && i.series.case.externalId === caseId)).toBe(true);
    for (const row of rows) expect(await imageStore().has(row.storageKey)).toBe(false); // the bytes stay in the PACS
  });

  it("the command line prints one line for a wrong password and exits 1", async () => {
    process.env.PACS_IT_WRONG_CLI = "nope";
    const ep = await endpoint("cli-wrong", { secretEnv: "PACS_IT_WRONG_CLI" });
    const file = pacsLines(ep.name, [{ studyInstanceUid: studies.spine.studyUid }]);
    const run = promisify(execFile)("npx", ["tsx", "--conditions=react-server", "cli/import.ts", file], { env: { ...process.env }, timeout: 60_000 });
    const failed = await run.then(() => null, (e: { code: number; stderr: string }) => e);
    expect(failed?.code).toBe(1);
    // Besides the progress line, one line: the message, no stack trace.
    const lines = failed!.stderr.trim().split("\n").filter((l) => !/^import (reading|images|items|saving):/.test(l));
    expect(lines).toEqual([`import: The PACS "${ep.name}" refused the credentials (HTTP 401): check the username and the secret in the environment variable PACS_IT_WRONG_CLI.`]);
  });

  it("keeps endpoints without their secret, audits every change, and keeps an endpoint its proxied images need", async () => {
    const admin = await db().user.create({ data: { email: `${unique("pacs-admin")}@example.org`, name: "PACS admin", role: "admin", passwordHash: "x" } });
    const ep = await endpoint("audited", { proxy: true });
    const row = await db().dicomWebEndpoint.findUniqueOrThrow({ where: { id: ep.id } });
    expect(JSON.stringify(row)).not.toContain(process.env[PW_ENV]);
    expect(row.secretEnv).toBe(PW_ENV);
    expect((await listEndpoints()).find((e) => e.id === ep.id)?.secretPresent).toBe(true);
    await updateEndpoint(ep.id, { name: ep.name, baseUrl: ep.baseUrl, authKind: "bearer", username: undefined, secretEnv: "PACS_IT_TOKEN", proxy: true, timeoutSeconds: 5, maxInstanceMB: 1 }, admin.id);
    const updated = (await listEndpoints()).find((e) => e.id === ep.id)!;
    expect(updated).toMatchObject({ authKind: "bearer", username: null, secretEnv: "PACS_IT_TOKEN", secretPresent: false, maxInstanceBytes: 1024 * 1024 });
    await expect(createEndpoint({ name: ep.name, baseUrl: ep.baseUrl, authKind: "none", username: undefined, secretEnv: undefined, proxy: false, timeoutSeconds: 5, maxInstanceMB: 1 }, null)).rejects.toThrow(/already exists/);

    const series = await loadFiles(pacs, spineSeries(2, 55));
    await updateEndpoint(ep.id, { name: ep.name, baseUrl: ep.baseUrl, authKind: "basic", username: pacs.username, secretEnv: PW_ENV, proxy: true, timeoutSeconds: 5, maxInstanceMB: 16 }, admin.id);
    const r = await runImport(base(jsonl(tempDir(), "none.jsonl", []), { pacsStudies: [{ ref: { pacs: ep.name, studyInstanceUid: series.studyUid }, caseExternalId: unique("audited") }] }));
    expect(r.status).toBe("completed");
    await expect(deleteEndpoint(ep.id, admin.id)).rejects.toThrow(/2 images are shown from .* in proxy mode/);
    const events = await db().auditEvent.findMany({ where: { targetType: "pacs_endpoint", targetId: ep.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["pacs.endpoint_create", "pacs.endpoint_update", "pacs.endpoint_update"]);
    expect(JSON.stringify(events)).not.toContain(process.env[PW_ENV]);

    const spare = await endpoint("spare");
    await deleteEndpoint(spare.id, admin.id);
    expect(await db().dicomWebEndpoint.findUnique({ where: { id: spare.id } })).toBeNull();
    expect(await db().auditEvent.count({ where: { targetId: spare.id, action: "pacs.endpoint_delete" } })).toBe(1);
  });
});
