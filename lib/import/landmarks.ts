// The optional landmarks file of an import: one JSON object per line, {image, level, x, y, frame?}, where image is
// a path relative to the image folder and x, y are pixel coordinates (e.g. vertebral body centroids).
import { createReadStream } from "node:fs";
import readline from "node:readline";
import { z } from "zod";
import { parseLevel } from "@/lib/levels";
import type { ImportLineError } from "@/lib/items/parse-line";

export const landmarkLineSchema = z.strictObject({
  image: z.string().min(1).max(1000),
  level: z.string().transform((raw, ctx) => {
    const p = parseLevel(raw);
    if (!p.ok) {
      ctx.addIssue({ code: "custom", message: p.error });
      return z.NEVER;
    }
    return p.level.canonical;
  }),
  x: z.number().finite().min(0),
  y: z.number().finite().min(0),
  frame: z.number().int().min(0).default(0),
});
export type LandmarkLine = z.output<typeof landmarkLineSchema> & { line: number };

export async function readLandmarks(file: string): Promise<{ landmarks: LandmarkLine[]; errors: ImportLineError[] }> {
  const landmarks: LandmarkLine[] = [];
  const errors: ImportLineError[] = [];
  const rl = readline.createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  let n = 0;
  for await (const text of rl) {
    n++;
    if (!text.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      errors.push({ line: n, path: "", message: "landmarks: not valid JSON" });
      continue;
    }
    const r = landmarkLineSchema.safeParse(json);
    if (r.success) landmarks.push({ ...r.data, line: n });
    else for (const i of r.error.issues) errors.push({ line: n, path: `landmarks.${i.path.join(".")}`, message: i.message });
  }
  return { landmarks, errors };
}
