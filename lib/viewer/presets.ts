// Window/level presets (keys 1–4). Windows are in modality units (cornerstone's VOI, after rescale slope and
// intercept): Hounsfield units on CT. MR signal and radiograph/PNG grey values have no absolute scale, so there a
// preset is placed relative to the image's own value range — the same key still means "bone-like" or
// "soft-tissue-like" contrast on any image.

export type PresetId = "bone" | "soft" | "mr-t1" | "mr-t2";

export interface WindowPreset {
  id: PresetId;
  key: "1" | "2" | "3" | "4";
  label: string;
  /** Hounsfield window for CT; null when the preset is range-relative on every modality. */
  hu: { width: number; center: number } | null;
  /** Fractions of the image's value range: centre = min + center·range, width = width·range. */
  relative: { width: number; center: number };
}

export const WINDOW_PRESETS: readonly WindowPreset[] = [
  // Bone W2000/L500 (cortical and trabecular detail, fractures, pedicle screws).
  { id: "bone", key: "1", label: "Bone", hu: { width: 2000, center: 500 }, relative: { width: 1.0, center: 0.6 } },
  // Soft tissue W400/L40 (discs, paraspinal muscles, canal on CT).
  { id: "soft", key: "2", label: "Soft tissue", hu: { width: 400, center: 40 }, relative: { width: 0.45, center: 0.35 } },
  // T1: fat and marrow bright, CSF dark — a full-range window centred low keeps marrow signal changes (Modic) apart.
  { id: "mr-t1", key: "3", label: "Spine MR T1", hu: null, relative: { width: 0.8, center: 0.4 } },
  // T2: CSF and hydrated nuclei bright — a narrower, higher window separates a desiccated disc from a healthy one.
  { id: "mr-t2", key: "4", label: "Spine MR T2", hu: null, relative: { width: 0.6, center: 0.45 } },
];

export function presetById(id: PresetId): WindowPreset {
  const p = WINDOW_PRESETS.find((x) => x.id === id);
  if (!p) throw new RangeError(`unknown window preset ${id}`);
  return p;
}

export function presetByKey(key: string): WindowPreset | null {
  return WINDOW_PRESETS.find((p) => p.key === key) ?? null;
}

export interface ImageValueRange {
  modality: string | null;
  /** Smallest and largest value in modality units (stored value × slope + intercept). */
  min: number;
  max: number;
}

export interface Window {
  windowWidth: number;
  windowCenter: number;
}

/** The window a preset gives on one image. */
export function presetWindow(preset: WindowPreset, image: ImageValueRange): Window {
  if (preset.hu && image.modality?.toUpperCase() === "CT") {
    return { windowWidth: preset.hu.width, windowCenter: preset.hu.center };
  }
  const lo = Math.min(image.min, image.max);
  const range = Math.max(1, Math.abs(image.max - image.min));
  return {
    windowWidth: Math.max(1, round(preset.relative.width * range)),
    windowCenter: round(lo + preset.relative.center * range),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The image's own window (DICOM WindowCenter/Width), else the full value range. */
export function defaultWindow(image: ImageValueRange & { windowCenter?: number | null; windowWidth?: number | null }): Window {
  if (image.windowWidth && image.windowWidth > 0 && image.windowCenter != null) {
    return { windowWidth: image.windowWidth, windowCenter: image.windowCenter };
  }
  const range = Math.max(1, image.max - image.min);
  return { windowWidth: range, windowCenter: image.min + range / 2 };
}

/** "W 2000 / L 500" as radiologists write it. */
export function formatWindow(w: Window): string {
  const f = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toString() : (Math.round(n * 10) / 10).toString());
  return `W ${f(w.windowWidth)} / L ${f(w.windowCenter)}`;
}
