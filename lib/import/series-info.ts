// Series labels a reviewer recognises (sagittal T2, lateral X-ray), guessed from the DICOM header.
import type { DicomHeader } from "@/lib/dicom/parse";

export function sequenceOf(h: Pick<DicomHeader, "modality" | "seriesDescription">): string | null {
  if (h.modality !== "MR" || !h.seriesDescription) return null;
  const d = h.seriesDescription.toUpperCase();
  if (/STIR/.test(d)) return "STIR";
  if (/T2/.test(d)) return "T2";
  if (/T1/.test(d)) return "T1";
  return null;
}

export function viewOf(h: Pick<DicomHeader, "imageOrientationPatient" | "viewPosition" | "seriesDescription">): string | null {
  const vp = h.viewPosition?.toUpperCase();
  if (vp === "LL" || vp === "RL" || vp === "LAT" || vp === "LATERAL") return "lateral";
  if (vp === "AP" || vp === "PA") return vp;
  const o = h.imageOrientationPatient;
  if (o) {
    // The slice normal is the cross product of the row and column directions; its main axis names the plane.
    const n = [o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]].map(Math.abs);
    const axis = n.indexOf(Math.max(...n));
    return ["sagittal", "coronal", "axial"][axis];
  }
  const d = h.seriesDescription?.toLowerCase() ?? "";
  for (const v of ["sagittal", "axial", "coronal", "lateral"]) if (d.includes(v) || d.includes(v.slice(0, 3) + " ")) return v;
  return null;
}
