import "server-only";
// Read model for cases and their images: what the case pages and the viewer show, and what the file route
// needs to stream an image. The viewer's input (lib/viewer/types) is built here, on the server, so the client
// receives plain serialisable data and never a storage key.
import { db } from "@/lib/db/client";
import { transferSyntaxName } from "@/lib/dicom/parse";
import { compareLevels } from "@/lib/levels/levels";
import { compareImages, compareSeries, seriesLabel } from "@/lib/viewer/series";
import type { ImageFormat, ViewerSeries } from "@/lib/viewer/types";

export interface CaseDetail {
  id: string;
  externalId: string;
  createdAt: Date;
  itemCount: number;
  series: ViewerSeries[];
}

function asFormat(format: string): ImageFormat {
  return format === "png" || format === "jpeg" ? format : "dicom";
}

/**
 * A case with its series (X-rays, then MR by sequence and view, then CT) and each series' images in slice order
 * with their landmarks. `idOrExternalId` is the database id or the case identifier from provenance
 * ("demo-case-001"), so links can use either. Null when there is no such case.
 */
export async function caseWithSeries(idOrExternalId: string): Promise<CaseDetail | null> {
  const found =
    (await db().case.findUnique({ where: { id: idOrExternalId }, select: { id: true } })) ??
    (await db().case.findUnique({ where: { externalId: idOrExternalId }, select: { id: true } }));
  if (!found) return null;
  const c = await db().case.findUnique({
    where: { id: found.id },
    select: {
      id: true,
      externalId: true,
      createdAt: true,
      _count: { select: { items: { where: { stagedBatchId: null } } } },
      series: {
        select: {
          id: true,
          modality: true,
          sequence: true,
          view: true,
          description: true,
          number: true,
          images: {
            select: {
              id: true,
              format: true,
              rows: true,
              columns: true,
              frames: true,
              instanceNumber: true,
              sliceLocation: true,
              modality: true,
              pixelSpacingRow: true,
              pixelSpacingCol: true,
              windowCenter: true,
              windowWidth: true,
              transferSyntaxUid: true,
              landmarks: { select: { level: true, x: true, y: true, frame: true } },
            },
          },
        },
      },
    },
  });
  if (!c) return null;
  const series: ViewerSeries[] = c.series.map((s) => ({
    id: s.id,
    label: seriesLabel(s),
    modality: s.modality,
    sequence: s.sequence,
    view: s.view,
    description: s.description,
    number: s.number,
    images: [...s.images].sort(compareImages).map((i) => ({
      id: i.id,
      format: asFormat(i.format),
      rows: i.rows,
      columns: i.columns,
      frames: i.frames,
      instanceNumber: i.instanceNumber,
      sliceLocation: i.sliceLocation,
      modality: i.modality ?? s.modality,
      pixelSpacing: i.pixelSpacingRow && i.pixelSpacingCol ? [i.pixelSpacingRow, i.pixelSpacingCol] : null,
      windowCenter: i.windowCenter,
      windowWidth: i.windowWidth,
      transferSyntaxUid: i.transferSyntaxUid,
      transferSyntaxName: i.transferSyntaxUid ? transferSyntaxName(i.transferSyntaxUid) : null,
      landmarks: [...i.landmarks].sort((a, b) => a.frame - b.frame || compareLevels(a.level, b.level)),
    })),
  }));
  series.sort(compareSeries);
  return { id: c.id, externalId: c.externalId, createdAt: c.createdAt, itemCount: c._count.items, series };
}

export interface CaseRow {
  id: string;
  externalId: string;
  createdAt: Date;
  itemCount: number;
  imageCount: number;
  landmarkCount: number;
  /** Series labels in viewing order, e.g. ["Lateral X-ray", "Sagittal T2"]. */
  series: { label: string; images: number }[];
}

export interface CaseList {
  rows: CaseRow[];
  total: number;
  page: number;
  pageSize: number;
}

/** One page of cases for the index (admins check an import here), optionally filtered by case identifier. */
export async function listCases(opts: { search?: string; page?: number; pageSize?: number } = {}): Promise<CaseList> {
  const pageSize = Math.min(200, Math.max(1, opts.pageSize ?? 50));
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  const where = opts.search?.trim() ? { externalId: { contains: opts.search.trim() } } : {};
  const [cases, total] = await Promise.all([
    db().case.findMany({
      where,
      orderBy: { externalId: "asc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, externalId: true, createdAt: true, _count: { select: { items: { where: { stagedBatchId: null } } } } },
    }),
    db().case.count({ where }),
  ]);
  const ids = cases.map((c) => c.id);
  // Two grouped reads for the page instead of one query per case.
  const [series, images] = ids.length
    ? await Promise.all([
        db().series.findMany({
          where: { caseId: { in: ids } },
          select: { id: true, caseId: true, modality: true, sequence: true, view: true, description: true, number: true, _count: { select: { images: true } } },
        }),
        db().image.findMany({
          where: { series: { caseId: { in: ids } } },
          select: { series: { select: { caseId: true } }, _count: { select: { landmarks: true } } },
        }),
      ])
    : [[], []];
  const landmarks = new Map<string, number>();
  const imageCount = new Map<string, number>();
  for (const i of images) {
    const caseId = i.series.caseId;
    landmarks.set(caseId, (landmarks.get(caseId) ?? 0) + i._count.landmarks);
    imageCount.set(caseId, (imageCount.get(caseId) ?? 0) + 1);
  }
  const rows: CaseRow[] = cases.map((c) => ({
    id: c.id,
    externalId: c.externalId,
    createdAt: c.createdAt,
    itemCount: c._count.items,
    imageCount: imageCount.get(c.id) ?? 0,
    landmarkCount: landmarks.get(c.id) ?? 0,
    series: series
      .filter((s) => s.caseId === c.id)
      .sort(compareSeries)
      .map((s) => ({ label: seriesLabel(s), images: s._count.images })),
  }));
  return { rows, total, page, pageSize };
}

export interface ImageFile {
  id: string;
  sha256: string;
  storageKey: string;
  format: ImageFormat;
  sizeBytes: number;
  /** The case the image belongs to (what image access is decided by). */
  caseId: string;
  /** Proxy mode: the bytes stay in this PACS, under these UIDs (read through lib/storage). */
  pacs: { endpointId: string; studyUid: string; seriesUid: string; instanceUid: string; stripped: boolean } | null;
}

/** What the file route needs to stream one image, looked up by its id. */
export async function imageFile(id: string): Promise<ImageFile | null> {
  const i = await db().image.findUnique({
    where: { id },
    select: {
      id: true, sha256: true, storageKey: true, format: true, sizeBytes: true, series: { select: { caseId: true } },
      proxied: true, pacsEndpointId: true, pacsStudyUid: true, pacsSeriesUid: true, pacsInstanceUid: true, deidentification: true,
    },
  });
  if (!i) return null;
  const pacs =
    i.proxied && i.pacsEndpointId && i.pacsStudyUid && i.pacsSeriesUid && i.pacsInstanceUid
      ? { endpointId: i.pacsEndpointId, studyUid: i.pacsStudyUid, seriesUid: i.pacsSeriesUid, instanceUid: i.pacsInstanceUid, stripped: i.deidentification !== null }
      : null;
  return { id: i.id, sha256: i.sha256, storageKey: i.storageKey, format: asFormat(i.format), sizeBytes: i.sizeBytes, caseId: i.series.caseId, pacs };
}

export const CONTENT_TYPES: Record<ImageFormat, string> = {
  dicom: "application/dicom",
  png: "image/png",
  jpeg: "image/jpeg",
};
