import "server-only";
// The PACS half of an import: the import lines' PACS references (and studies an admin attached from the Import
// page) are expanded to instances with QIDO-RS, the instances this app does not have yet are fetched with WADO-RS,
// and each one passes the same de-identification gate as an uploaded file (./images gateDicom) before it is
// staged in the image store like an upload (moved in only when the batch commits). In proxy mode the checked
// file is not kept: only its row, and the viewer reads it through the app from the PACS.
// A bad instance (broken answer, not DICOM, over the size limit, refused by the gate) is reported and the rest
// goes on, or, with onBadInstance "stop", the import stops with nothing written. A PACS that cannot be used at all
// (wrong credentials, unreachable, its secret not set) stops the import with one message.
import { clientFor, type EndpointView } from "@/lib/dicomweb/endpoints";
import { DicomWebError } from "@/lib/dicomweb/errors";
import type { DicomWebClient, InstanceRef } from "@/lib/dicomweb/client";
import type { PacsImageRef } from "@/lib/items/schema";
import type { ImageStore } from "@/lib/storage";
import { sha256 } from "@/lib/storage";
import type { BulkTx } from "./bulk";
import { gateDicom, scannedDicom, type ImageScan, type PhiPolicy, type ScannedImage } from "./images";

export type BadInstancePolicy = "skip" | "stop";

/** One thing to pull: a study, series or instance of an endpoint, into a case. */
export interface PacsRequest {
  ref: PacsImageRef;
  caseExternalId: string;
}

export type PacsResolution = { ok: true; endpointId: string; instanceUids: string[] } | { ok: false; message: string };

export interface PacsPull {
  /** Accepted instances (new ones, to be written) and refused ones, as a folder scan reports them. */
  scan: ImageScan;
  /** Per request key: the endpoint and the instances (UIDs in the PACS) it stands for, or why it cannot be. */
  resolved: Map<string, PacsResolution>;
  fetched: number;
  alreadyHere: number;
  /** Set when onBadInstance is "stop" and an instance was bad: the import stops with this reason. */
  stoppedBy: string | null;
}

export function requestKey(ref: PacsImageRef): string {
  return `${ref.pacs}/${ref.studyInstanceUid}/${ref.seriesInstanceUid ?? "*"}/${ref.sopInstanceUid ?? "*"}`;
}

/** How the report names an instance: endpoint and SOP instance UID (never a patient attribute). */
export const instanceLabel = (endpoint: string, sop: string) => `pacs:${endpoint}/${sop}`;

const CONCURRENCY = 4;

export async function pullFromPacs(
  tx: BulkTx,
  requests: PacsRequest[],
  opts: {
    policy: PhiPolicy;
    dryRun: boolean;
    store: ImageStore;
    batchId: string | null;
    uidMap: (uid: string) => string;
    onBadInstance: BadInstancePolicy;
    onProgress?: (done: number, total: number) => void;
    /** Resolves an endpoint by name (the database by default). */
    endpoint: (name: string) => Promise<EndpointView | null>;
  },
): Promise<PacsPull> {
  const scan: ImageScan = { images: [], refused: [], stored: 0, alreadyStored: 0, stripped: 0, ignored: [] };
  const resolved = new Map<string, PacsResolution>();
  const out: PacsPull = { scan, resolved, fetched: 0, alreadyHere: 0, stoppedBy: null };
  const endpoints = new Map<string, { view: EndpointView; client: DicomWebClient; known: Set<string> } | null>();

  // 1. Expand every request to instances (QIDO-RS), endpoint by endpoint.
  const wanted = new Map<string, { endpoint: string; inst: InstanceRef; caseExternalId: string }>();
  for (const req of requests) {
    const key = requestKey(req.ref);
    if (resolved.has(key)) continue;
    if (!endpoints.has(req.ref.pacs)) {
      const view = await opts.endpoint(req.ref.pacs);
      if (!view) endpoints.set(req.ref.pacs, null);
      else {
        const rows = await tx.all<{ pacsInstanceUid: string }>(`SELECT "pacsInstanceUid" FROM "Image" WHERE "pacsEndpointId" = ? AND "pacsInstanceUid" IS NOT NULL`, [view.id]);
        endpoints.set(req.ref.pacs, { view, client: clientFor(view), known: new Set(rows.map((r) => r.pacsInstanceUid)) });
      }
    }
    const ep = endpoints.get(req.ref.pacs);
    if (!ep) {
      resolved.set(key, { ok: false, message: `no PACS endpoint named ${req.ref.pacs} (an admin adds it on the Import page)` });
      continue;
    }
    let instances: InstanceRef[];
    try {
      instances = await ep.client.searchInstances(req.ref.studyInstanceUid, req.ref.seriesInstanceUid);
      if (req.ref.sopInstanceUid) {
        instances = instances.filter((i) => i.sopInstanceUid === req.ref.sopInstanceUid);
        if (instances.length === 0) throw new DicomWebError("not_found", `Instance ${req.ref.sopInstanceUid} of series ${req.ref.seriesInstanceUid} is not on PACS "${req.ref.pacs}".`);
      }
    } catch (e) {
      if (e instanceof DicomWebError && !e.fatal && e.kind !== "timeout") {
        resolved.set(key, { ok: false, message: e.message });
        continue;
      }
      throw e;
    }
    resolved.set(key, { ok: true, endpointId: ep.view.id, instanceUids: instances.map((i) => i.sopInstanceUid) });
    for (const inst of instances) {
      const id = `${ep.view.id}|${inst.sopInstanceUid}`;
      if (ep.known.has(inst.sopInstanceUid)) continue;
      if (!wanted.has(id)) wanted.set(id, { endpoint: req.ref.pacs, inst, caseExternalId: req.caseExternalId });
    }
  }
  out.alreadyHere = [...resolved.values()].reduce((n, r) => n + (r.ok ? r.instanceUids.length : 0), 0) - wanted.size;

  // 2. Fetch what is missing (WADO-RS), a few at a time, each through the gate.
  const queue = [...wanted.values()];
  const total = queue.length;
  let done = 0;
  let stop = false;
  const keep = async (content: Buffer, proxied: boolean) =>
    opts.dryRun || !opts.batchId || proxied ? { sha256: sha256(content), created: false } : await opts.store.stage(opts.batchId, content);
  const bad = (label: string, reason: string, tags?: string[]) => {
    scan.refused.push({ path: label, reason, ...(tags ? { tags } : {}) });
    if (opts.onBadInstance === "stop" && !out.stoppedBy) {
      out.stoppedBy = `${label}: ${reason}`;
      stop = true;
    }
  };
  const worker = async () => {
    for (let next = queue.shift(); next && !stop; next = queue.shift()) {
      const ep = endpoints.get(next.endpoint)!;
      const label = instanceLabel(next.endpoint, next.inst.sopInstanceUid);
      try {
        let buf: Buffer;
        try {
          buf = await ep.client.retrieveInstance(next.inst);
          out.fetched++;
        } catch (e) {
          if (e instanceof DicomWebError && !e.fatal) {
            bad(label, e.message);
            continue;
          }
          stop = true;
          throw e;
        }
        const checked = gateDicom(buf, opts.policy, opts.uidMap);
        if (!checked.ok) {
          bad(label, checked.reason, checked.tags);
          continue;
        }
        const { clean, header, stripped } = checked;
        if (header.sopInstanceUid && header.sopInstanceUid !== next.inst.sopInstanceUid) {
          bad(label, `the PACS sent a different instance (${header.sopInstanceUid})`);
          continue;
        }
        if (stripped) scan.stripped++;
        const proxied = ep.view.proxy;
        const stored = await keep(clean, proxied);
        if (!opts.dryRun && !proxied) {
          if (stored.created) scan.stored++;
          else scan.alreadyStored++;
        }
        const image: ScannedImage = {
          ...scannedDicom(label, next.caseExternalId, checked, stored.sha256),
          pacs: { endpointId: ep.view.id, studyUid: next.inst.studyInstanceUid, seriesUid: next.inst.seriesInstanceUid, instanceUid: next.inst.sopInstanceUid, proxied },
        };
        scan.images.push(image);
      } finally {
        opts.onProgress?.(++done, total);
      }
    }
  };
  opts.onProgress?.(0, total);
  // Every fetch settles before an error goes up: no file is staged after the import started removing its own.
  const settled = await Promise.allSettled(Array.from({ length: Math.min(CONCURRENCY, Math.max(1, total)) }, worker));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  // Instances in the order of their series and instance number, whatever order the fetches finished in.
  const order = new Map(requests.length ? [...wanted.keys()].map((k, i) => [k.split("|")[1], i]) : []);
  scan.images.sort((a, b) => (order.get(a.pacs!.instanceUid) ?? 0) - (order.get(b.pacs!.instanceUid) ?? 0));
  return out;
}
