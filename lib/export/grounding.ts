// Level grounding: where each level is on an image, as ms-swift's grounding form — "<ref-object>" tags in the
// question, "<bbox>" tags in the answer, and `objects` with the level names and boxes in image pixels
// (bbox_type "real", [x1, y1, x2, y2]). This teaches a model where L4/L5 is, the skill models are weakest at.
//
// Landmarks are vertebral body centroids. A box is derived from them so: the spacing d is the median distance
// between the centroids of neighbouring vertebrae on the image (0.08 × the shorter image side when the image has
// a single landmark). A vertebra's box is a square of side 0.9·d around its centroid; a disc's box (L4/L5) is
// centred on the midpoint of its two vertebrae's centroids, 0.9·d wide and 0.4·d tall. Boxes are clipped to the
// image and rounded to whole pixels.
import { compareLevels } from "@/lib/levels/levels";

export interface Landmark {
  level: string;
  x: number;
  y: number;
}

export type Box = [number, number, number, number];

const distance = (a: Landmark, b: Landmark) => Math.hypot(a.x - b.x, a.y - b.y);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The spacing between neighbouring vertebrae on one image, from its landmarks. */
export function vertebralSpacing(landmarks: Landmark[], rows: number, columns: number): number {
  const vertebrae = landmarks.filter((l) => !l.level.includes("/")).sort((a, b) => compareLevels(a.level, b.level));
  const gaps: number[] = [];
  for (let i = 1; i < vertebrae.length; i++) gaps.push(distance(vertebrae[i - 1], vertebrae[i]));
  return gaps.length ? median(gaps) : 0.08 * Math.min(rows, columns);
}

function clip(cx: number, cy: number, halfW: number, halfH: number, rows: number, columns: number): Box {
  const x1 = Math.max(0, Math.round(cx - halfW));
  const y1 = Math.max(0, Math.round(cy - halfH));
  const x2 = Math.min(columns - 1, Math.round(cx + halfW));
  const y2 = Math.min(rows - 1, Math.round(cy + halfH));
  return [x1, y1, x2, y2];
}

/** The box of a level on one image, or null when its landmarks are not on the image. */
export function levelBox(level: string, landmarks: Landmark[], rows: number, columns: number): Box | null {
  const d = vertebralSpacing(landmarks, rows, columns);
  const at = (l: string) => landmarks.find((x) => x.level === l);
  if (level.includes("/")) {
    const [upper, lower] = level.split("/");
    const a = at(upper);
    const b = at(lower);
    if (!a || !b) return null;
    return clip((a.x + b.x) / 2, (a.y + b.y) / 2, 0.45 * d, 0.2 * d, rows, columns);
  }
  const c = at(level);
  return c ? clip(c.x, c.y, 0.45 * d, 0.45 * d, rows, columns) : null;
}

export interface GroundingRecord {
  messages: { role: "user" | "assistant"; content: string }[];
  images: [string];
  objects: { ref: string[]; bbox: Box[]; bbox_type: "real" };
}

/**
 * One record for one image: the levels whose position a reviewer confirmed (accepted) or corrected (the corrected
 * level), each with its box. Null when none of them can be placed on the image.
 */
export function groundingRecord(image: { path: string; rows: number; columns: number; landmarks: Landmark[] }, levels: string[], language: string): GroundingRecord | null {
  const placed = [...new Set(levels)]
    .sort(compareLevels)
    .map((level) => ({ level, box: levelBox(level, image.landmarks, image.rows, image.columns) }))
    .filter((p): p is { level: string; box: Box } => p.box !== null);
  if (placed.length === 0) return null;
  const refs = placed.map(() => "<ref-object>").join(language === "zh" ? "、" : ", ");
  const boxes = placed.map(() => "<bbox>").join(language === "zh" ? "、" : ", ");
  const question = language === "zh" ? `<image>请在图像中定位以下椎体节段：${refs}。` : `<image>Locate these spinal levels in the image: ${refs}.`;
  return {
    messages: [
      { role: "user", content: question },
      { role: "assistant", content: boxes },
    ],
    images: [image.path],
    objects: { ref: placed.map((p) => p.level), bbox: placed.map((p) => p.box), bbox_type: "real" },
  };
}
