// How a case's series are named and ordered for a spine surgeon: radiographs first (the overview one reads
// first), then MR by sequence and plane, then CT, then anything else. Pure functions, shared by the server read
// model (lib/images/queries.ts) and the viewer.

export interface SeriesDescriptor {
  id?: string;
  modality: string;
  sequence: string | null;
  view: string | null;
  description?: string | null;
  number?: number | null;
}

const XRAY_MODALITIES = new Set(["XR", "CR", "DX", "RG", "RF", "DR"]);

export function isXray(modality: string | null | undefined): boolean {
  return !!modality && XRAY_MODALITIES.has(modality.toUpperCase());
}

function modalityRank(modality: string): number {
  const m = modality.toUpperCase();
  if (XRAY_MODALITIES.has(m)) return 0;
  if (m === "MR") return 1;
  if (m === "CT") return 2;
  return 3;
}

// T2 before T1: the sagittal T2 is where disc and canal findings are read; STIR after both.
const SEQUENCE_ORDER = ["t2", "t1", "stir"];
const VIEW_ORDER = ["sagittal", "axial", "coronal", "lateral", "ap", "pa"];

/** Position in a lower-case order list; unknown values after known ones, missing values last. */
function rankIn(order: string[], value: string | null): number {
  if (!value) return order.length + 1;
  const i = order.indexOf(value.toLowerCase());
  return i >= 0 ? i : order.length;
}

/** Sort comparator for a case's series. */
export function compareSeries(a: SeriesDescriptor, b: SeriesDescriptor): number {
  const byModality = modalityRank(a.modality) - modalityRank(b.modality);
  if (byModality) return byModality;
  if (a.modality.toUpperCase() === "MR") {
    const bySequence = rankIn(SEQUENCE_ORDER, a.sequence) - rankIn(SEQUENCE_ORDER, b.sequence);
    if (bySequence) return bySequence;
  }
  // Lateral before AP for radiographs (the view levels are counted on); sagittal first for cross-sections.
  const byView = rankIn(VIEW_ORDER, a.view) - rankIn(VIEW_ORDER, b.view);
  if (byView) return byView;
  const byNumber = (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER);
  if (byNumber) return byNumber;
  const byDescription = (a.description ?? "").localeCompare(b.description ?? "");
  if (byDescription) return byDescription;
  return (a.id ?? "").localeCompare(b.id ?? "");
}

const VIEW_NAMES: Record<string, string> = {
  sagittal: "Sagittal",
  axial: "Axial",
  coronal: "Coronal",
  lateral: "Lateral",
  ap: "AP",
  pa: "PA",
};

function viewName(view: string | null): string | null {
  if (!view) return null;
  return VIEW_NAMES[view.toLowerCase()] ?? view;
}

/** "Sagittal T2", "Lateral X-ray", "Axial CT"; falls back to the series description, then the modality. */
export function seriesLabel(s: SeriesDescriptor): string {
  const view = viewName(s.view);
  const modality = s.modality.toUpperCase();
  if (isXray(modality)) return view ? `${view} X-ray` : (s.description?.trim() || "X-ray");
  if (modality === "MR") {
    if (s.sequence) return view ? `${view} ${s.sequence}` : `${s.sequence} MR`;
    if (view) return `${view} MR`;
    return s.description?.trim() || "MR";
  }
  if (modality === "CT") return view ? `${view} CT` : (s.description?.trim() || "CT");
  return s.description?.trim() || [view, modality].filter(Boolean).join(" ");
}

export interface ImageOrderFields {
  id: string;
  instanceNumber: number | null;
  sliceLocation: number | null;
}

/** Slice order inside a series: InstanceNumber, then SliceLocation, then id (stable for files without either). */
export function compareImages(a: ImageOrderFields, b: ImageOrderFields): number {
  const an = a.instanceNumber ?? Number.MAX_SAFE_INTEGER;
  const bn = b.instanceNumber ?? Number.MAX_SAFE_INTEGER;
  if (an !== bn) return an - bn;
  const al = a.sliceLocation ?? Number.MAX_SAFE_INTEGER;
  const bl = b.sliceLocation ?? Number.MAX_SAFE_INTEGER;
  if (al !== bl) return al - bl;
  return a.id.localeCompare(b.id);
}
