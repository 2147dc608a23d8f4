// Proxy mode against a real Orthanc: the image route's reader fetches a proxied image from the PACS once,
// de-identifies it exactly as the import did, and serves it from the on-disk cache afterwards.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEndpoint } from "@/lib/dicomweb/endpoints";
import { findPhi } from "@/lib/dicom/phi";
import { readRealFile } from "@/lib/dicom/testing/real-files";
import { withElements } from "@/lib/dicom/testing/deid-corpus";
import { imageFile } from "@/lib/images/queries";
import { runImport } from "@/lib/import/run";
import { imageStore } from "@/lib/storage";
import { streamProxied } from "@/lib/storage/pacs-proxy";
import { readImageFile } from "@/lib/storage/image-file";
import { startOrthanc, type OrthancPeer } from "../peers/orthanc";
import { loadFiles } from "../peers/pacs-fixtures";
import { jsonl, tempDir } from "./import-fixtures";
import { withDatabase, unique } from "./setup";

const db = withDatabase();
let pacs: OrthancPeer;

async function read(image: NonNullable<Awaited<ReturnType<typeof imageFile>>>) {
  const f = await streamProxied({ sha256: image.sha256, pacs: image.pacs! });
  const chunks: Buffer[] = [];
  for await (const c of f.stream) chunks.push(c as Buffer);
  return { buf: Buffer.concat(chunks), cached: f.cached };
}

beforeAll(async () => {
  process.env.PACS_PROXY_IT_PASSWORD = "proxy-pw";
  pacs = await startOrthanc({ username: "viewer", password: "proxy-pw" });
}, 60_000);
afterAll(async () => {
  await pacs?.stop();
});

describe("proxy mode", () => {
  it("serves a stripped PHI file from the PACS, byte-identical to what the import checked, then from the cache", async () => {
    // CT_small with its own series description: a file no other test has imported (a file already in the app keeps
    // its stored row, and would not be proxied).
    const ct = await loadFiles(pacs, [withElements(readRealFile("ctSmall"), { "0008103E": { vr: "LO", Value: ["proxy mode test"] } })]);
    const ep = await createEndpoint({
      name: unique("proxy").replace(/[^A-Za-z0-9._-]/g, ""), baseUrl: pacs.dicomWebUrl, authKind: "basic", username: "viewer",
      secretEnv: "PACS_PROXY_IT_PASSWORD", proxy: true, timeoutSeconds: 10, maxInstanceMB: 16,
    }, null);
    const r = await runImport({
      itemsFile: jsonl(tempDir(), "none.jsonl", []), policy: "strip", dryRun: false, skipInvalid: false, actorId: null,
      pacsStudies: [{ ref: { pacs: ep.name, studyInstanceUid: ct.studyUid }, caseExternalId: unique("proxy-case") }],
    });
    expect(r.status).toBe("completed");
    const row = await db().image.findFirstOrThrow({ where: { pacsEndpointId: ep.id } });
    expect(row.proxied).toBe(true);
    expect(await imageStore().has(row.storageKey)).toBe(false);
    const image = (await imageFile(row.id))!;
    expect(image.pacs).toMatchObject({ instanceUid: ct.instanceUids[0], stripped: true });

    const first = await read(image);
    expect(first.cached).toBe(false);
    expect(createHash("sha256").update(first.buf).digest("hex")).toBe(row.sha256);
    expect(findPhi(first.buf)).toEqual([]);
    const second = await read(image);
    expect(second.cached).toBe(true);
    expect(second.buf.equals(first.buf)).toBe(true);
    expect((await readImageFile(image)).equals(first.buf)).toBe(true); // what renderers and exports read

    // With the PACS gone, a cached slice is still served; a slice never seen gives one clear message.
    await pacs.stop();
    expect((await read(image)).cached).toBe(true);
    const other = { ...image, sha256: "0".repeat(64) };
    await expect(read(other)).rejects.toThrow(`The PACS "${ep.name}" at ${pacs.dicomWebUrl} cannot be reached (connection refused).`);
  });
});
