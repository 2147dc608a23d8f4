// A DICOMweb client on plain fetch: QIDO-RS search (studies, series, instances) and WADO-RS retrieval of one
// instance (multipart/related, parsed by ./multipart). Every request has a timeout; a retrieved instance has a
// size limit checked while it streams in (the Content-Length alone is not trusted). Failures are DicomWebErrors
// whose message names the PACS and says what to do.
import { DicomWebError } from "./errors";
import { boundaryOf, MultipartError, parseMultipart } from "./multipart";

export type DicomWebAuth = { kind: "none" } | { kind: "basic"; username: string; password: string } | { kind: "bearer"; token: string };

export interface DicomWebConfig {
  /** How messages name the PACS (the endpoint's name). */
  name: string;
  /** The DICOMweb root, e.g. http://pacs:8042/dicom-web */
  baseUrl: string;
  auth: DicomWebAuth;
  timeoutMs: number;
  maxInstanceBytes: number;
  /** Where the secret comes from, for the wrong-credentials message (e.g. "the environment variable PACS_PASSWORD"). */
  secretSource?: string;
}

/** DICOM JSON (PS3.18 Annex F): attributes keyed by 8 hex digits. */
export type DicomJson = Record<string, { vr: string; Value?: unknown[] }>;

export interface StudySummary {
  studyInstanceUid: string;
  accessionNumber: string | null;
  studyDate: string | null; // YYYYMMDD
  modalities: string[];
  description: string | null;
  series: number | null;
  instances: number | null;
}

export interface InstanceRef {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  instanceNumber: number | null;
}

export interface StudyQuery {
  accessionNumber?: string;
  modality?: string;
  /** YYYYMMDD or a range YYYYMMDD-YYYYMMDD */
  studyDate?: string;
  studyInstanceUid?: string;
  limit?: number;
}

const UID = /^[0-9]+(\.[0-9]+)*$/;

export function assertUid(uid: string, what: string) {
  if (!UID.test(uid) || uid.length > 64) throw new DicomWebError("config", `${what} ${JSON.stringify(uid.slice(0, 70))} is not a DICOM UID.`);
}

function first(ds: DicomJson, tag: string): unknown {
  return ds[tag]?.Value?.[0];
}
function str(ds: DicomJson, tag: string): string | null {
  const v = first(ds, tag);
  return typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : null;
}
function num(ds: DicomJson, tag: string): number | null {
  const v = first(ds, tag);
  const n = typeof v === "number" ? v : typeof v === "string" ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

const STUDY_UID = "0020000D";
const SERIES_UID = "0020000E";
const SOP_UID = "00080018";

export class DicomWebClient {
  private readonly base: string;

  constructor(readonly config: DicomWebConfig) {
    this.base = config.baseUrl.replace(/\/+$/, "");
  }

  private headers(accept: string): Record<string, string> {
    const h: Record<string, string> = { Accept: accept };
    const a = this.config.auth;
    if (a.kind === "basic") h.Authorization = `Basic ${Buffer.from(`${a.username}:${a.password}`).toString("base64")}`;
    if (a.kind === "bearer") h.Authorization = `Bearer ${a.token}`;
    return h;
  }

  private get label() {
    return `The PACS "${this.config.name}"`;
  }

  /** Sends one GET; the timeout covers the whole exchange, including reading the body (by `read`). */
  private async request<T>(pathAndQuery: string, accept: string, read: (res: Response) => Promise<T>, notFound?: string): Promise<T> {
    const url = `${this.base}${pathAndQuery}`;
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), this.config.timeoutMs);
    try {
      let res: Response;
      try {
        res = await fetch(url, { headers: this.headers(accept), signal: ctrl.signal, redirect: "error" });
      } catch (e) {
        throw this.networkError(e, ctrl.signal.aborted);
      }
      if (res.status === 401 || res.status === 403) {
        await res.body?.cancel().catch(() => {});
        const source = this.config.auth.kind === "none" ? "it is configured without authentication" : `check the username and ${this.config.secretSource ?? "the secret"}`;
        throw new DicomWebError("auth", `${this.label} refused the credentials (HTTP ${res.status}): ${source}.`);
      }
      if (res.status === 404 && notFound) {
        await res.body?.cancel().catch(() => {});
        throw new DicomWebError("not_found", notFound);
      }
      if (!res.ok && res.status !== 204) {
        await res.body?.cancel().catch(() => {});
        throw new DicomWebError("http", `${this.label} answered HTTP ${res.status} to ${pathAndQuery.split("?")[0]}.`);
      }
      try {
        return await read(res);
      } catch (e) {
        if (e instanceof DicomWebError) throw e;
        if (ctrl.signal.aborted) throw this.networkError(e, true);
        // The connection broke while the body was arriving: the answer is incomplete.
        throw new DicomWebError("truncated", `${this.label} broke off its answer to ${pathAndQuery.split("?")[0]} before the end.`);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private networkError(e: unknown, timedOut: boolean): DicomWebError {
    if (timedOut) return new DicomWebError("timeout", `${this.label} did not answer within ${Math.round(this.config.timeoutMs / 100) / 10} s.`);
    const cause = (e as { cause?: { code?: string } })?.cause;
    const code = cause?.code ?? (e as { code?: string })?.code;
    const why =
      code === "ECONNREFUSED" ? "connection refused"
      : code === "ENOTFOUND" || code === "EAI_AGAIN" ? "unknown host"
      : code === "ECONNRESET" || code === "UND_ERR_SOCKET" ? "the connection was reset"
      : code === "UND_ERR_CONNECT_TIMEOUT" ? "connection timed out"
      : code ? code
      : "no connection";
    return new DicomWebError("unreachable", `${this.label} at ${this.base} cannot be reached (${why}).`);
  }

  private async json(pathAndQuery: string): Promise<DicomJson[]> {
    return this.request(pathAndQuery, "application/dicom+json, application/json", async (res) => {
      if (res.status === 204) return [];
      const text = await readLimited(res, 64 * 1024 * 1024, () => new DicomWebError("garbage", `${this.label} sent a search answer over 64 MB.`));
      let parsed: unknown;
      try {
        parsed = JSON.parse(text.toString("utf8"));
      } catch {
        throw new DicomWebError("garbage", `${this.label} sent a search answer that is not DICOM JSON (${describeStart(text)}).`);
      }
      if (!Array.isArray(parsed) || parsed.some((d) => typeof d !== "object" || d === null || Array.isArray(d))) {
        throw new DicomWebError("garbage", `${this.label} sent a search answer that is not a list of DICOM JSON datasets.`);
      }
      return parsed as DicomJson[];
    });
  }

  /** QIDO-RS: studies matching the query (none matching is an empty list, not an error). */
  async searchStudies(q: StudyQuery = {}): Promise<StudySummary[]> {
    const params = new URLSearchParams();
    if (q.accessionNumber) params.set("AccessionNumber", q.accessionNumber);
    if (q.modality) params.set("ModalitiesInStudy", q.modality);
    if (q.studyDate) params.set("StudyDate", q.studyDate);
    if (q.studyInstanceUid) {
      assertUid(q.studyInstanceUid, "Study");
      params.set("StudyInstanceUID", q.studyInstanceUid);
    }
    params.set("limit", String(q.limit ?? 100));
    for (const f of ["00081030", "00201206", "00201208"]) params.append("includefield", f);
    const list = await this.json(`/studies?${params}`);
    return list.map((ds) => {
      const uid = str(ds, STUDY_UID);
      if (!uid) throw new DicomWebError("garbage", `${this.label} sent a study without a StudyInstanceUID.`);
      const mods = ds["00080061"]?.Value;
      return {
        studyInstanceUid: uid,
        accessionNumber: str(ds, "00080050"),
        studyDate: str(ds, "00080020"),
        modalities: Array.isArray(mods) ? mods.filter((m): m is string => typeof m === "string") : [],
        description: str(ds, "00081030"),
        series: num(ds, "00201206"),
        instances: num(ds, "00201208"),
      };
    });
  }

  /**
   * QIDO-RS: the instances of a study (or of one of its series), ordered by series then instance number. An
   * unknown study or series is a not_found error: an import that names it cannot be satisfied.
   */
  async searchInstances(studyUid: string, seriesUid?: string): Promise<InstanceRef[]> {
    assertUid(studyUid, "Study");
    if (seriesUid) assertUid(seriesUid, "Series");
    const where = seriesUid ? `/studies/${studyUid}/series/${seriesUid}/instances` : `/studies/${studyUid}/instances`;
    const list = await this.json(`${where}?includefield=00200013`);
    const out = list.map((ds): InstanceRef => {
      const study = str(ds, STUDY_UID) ?? studyUid;
      const series = str(ds, SERIES_UID);
      const sop = str(ds, SOP_UID);
      if (!series || !sop || !UID.test(series) || !UID.test(sop)) throw new DicomWebError("garbage", `${this.label} sent an instance without valid series and SOP instance UIDs.`);
      return { studyInstanceUid: study, seriesInstanceUid: series, sopInstanceUid: sop, instanceNumber: num(ds, "00200013") };
    });
    if (out.length === 0) {
      throw new DicomWebError(
        "not_found",
        seriesUid ? `Series ${seriesUid} of study ${studyUid} is not on ${this.label.slice(4)}.` : `Study ${studyUid} is not on ${this.label.slice(4)}.`,
      );
    }
    out.sort((a, b) => a.seriesInstanceUid.localeCompare(b.seriesInstanceUid) || (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0) || a.sopInstanceUid.localeCompare(b.sopInstanceUid));
    return out;
  }

  /** WADO-RS: one instance as a DICOM Part 10 file, in the transfer syntax the PACS holds it in. */
  async retrieveInstance(ref: Omit<InstanceRef, "instanceNumber">): Promise<Buffer> {
    assertUid(ref.studyInstanceUid, "Study");
    assertUid(ref.seriesInstanceUid, "Series");
    assertUid(ref.sopInstanceUid, "Instance");
    const limit = this.config.maxInstanceBytes;
    const where = `/studies/${ref.studyInstanceUid}/series/${ref.seriesInstanceUid}/instances/${ref.sopInstanceUid}`;
    return this.request(
      where,
      'multipart/related; type="application/dicom"; transfer-syntax=*',
      async (res) => {
        const tooLarge = () => new DicomWebError("too_large", `Instance ${ref.sopInstanceUid} is larger than the limit of ${formatBytes(limit)} set for ${this.label.slice(4)}.`);
        const declared = Number(res.headers.get("content-length"));
        if (Number.isFinite(declared) && declared > limit + 64 * 1024) {
          await res.body?.cancel().catch(() => {});
          throw tooLarge();
        }
        // The multipart envelope adds a few hundred bytes to the instance itself.
        const body = await readLimited(res, limit + 64 * 1024, tooLarge);
        let parts;
        try {
          parts = parseMultipart(body, boundaryOf(res.headers.get("content-type")));
        } catch (e) {
          if (!(e instanceof MultipartError)) throw e;
          const kind = /truncated/.test(e.message) ? "truncated" : "garbage";
          throw new DicomWebError(kind, `${this.label} sent instance ${ref.sopInstanceUid} as a broken multipart answer: ${e.message}.`);
        }
        if (parts.length !== 1) throw new DicomWebError("garbage", `${this.label} sent ${parts.length} parts for the single instance ${ref.sopInstanceUid}.`);
        const file = parts[0].body;
        if (file.length > limit) throw tooLarge();
        return Buffer.from(file);
      },
      `Instance ${ref.sopInstanceUid} of series ${ref.seriesInstanceUid} is not on ${this.label.slice(4)}.`,
    );
  }
}

/** Reads a body, giving up (and closing the connection) as soon as it passes `limit` bytes. */
async function readLimited(res: Response, limit: number, tooLarge: () => Error): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function describeStart(buf: Buffer): string {
  const head = buf.subarray(0, 40).toString("latin1").replace(/[^\x20-\x7e]/g, "·");
  return buf.length === 0 ? "an empty body" : `it starts with ${JSON.stringify(head)}`;
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}
