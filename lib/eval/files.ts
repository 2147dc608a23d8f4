// Reading a snapshot's evaluation set and a model's predictions, line by line (a snapshot's files can be large).
// Every problem names the file and line; ids, not positions, join questions and predictions.
import { createReadStream, existsSync, statSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { z } from "zod";

export const MCQ_FILES = { text: "eval/mcq_text.jsonl", image: "eval/mcq_image.jsonl" } as const;

export const mcqSchema = z.object({
  id: z.string().min(1),
  format: z.enum(["text", "image"]),
  question: z.string(),
  options: z.record(z.string().regex(/^[A-Z]$/, "option keys are capital letters"), z.string()).refine((o) => Object.keys(o).length >= 2, "at least two options"),
  answer: z.string().regex(/^[A-Z]$/, "the answer key is one capital letter"),
  levels: z.array(z.string()),
  subfield: z.string().nullable(),
  language: z.string().min(1),
  images: z.array(z.string()),
});
export type Mcq = z.infer<typeof mcqSchema>;

export const predictionSchema = z.object({ id: z.string().min(1), answer: z.string().nullish() });
export interface Prediction {
  id: string;
  answer: string | null;
}

export class EvalInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EvalInputError";
  }
}

function issueText(e: z.ZodError): string {
  return e.issues.map((i) => `${i.path.join(".") || "line"}: ${i.message}`).join("; ");
}

async function* jsonLines(file: string, label: string): AsyncGenerator<{ line: number; value: unknown }> {
  const rl = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new EvalInputError(`${label} line ${line}: not valid JSON`);
    }
    yield { line, value };
  }
}

/** The MCQs of a snapshot folder (text and image files), checked against the answer key format. */
export async function readMcqs(snapshotDir: string): Promise<Mcq[]> {
  if (!existsSync(snapshotDir) || !statSync(snapshotDir).isDirectory()) throw new EvalInputError(`${snapshotDir} is not a snapshot folder`);
  const out: Mcq[] = [];
  const ids = new Set<string>();
  let found = 0;
  for (const [format, rel] of Object.entries(MCQ_FILES)) {
    const file = path.join(snapshotDir, rel);
    if (!existsSync(file)) continue;
    found++;
    for await (const { line, value } of jsonLines(file, rel)) {
      const parsed = mcqSchema.safeParse(value);
      if (!parsed.success) throw new EvalInputError(`${rel} line ${line}: ${issueText(parsed.error)}`);
      const q = parsed.data;
      if (q.format !== format) throw new EvalInputError(`${rel} line ${line}: format "${q.format}" in the ${format} file`);
      if (!(q.answer in q.options)) throw new EvalInputError(`${rel} line ${line}: the answer key ${q.answer} is not one of the options`);
      if (ids.has(q.id)) throw new EvalInputError(`${rel} line ${line}: the id ${q.id} appears twice`);
      ids.add(q.id);
      out.push(q);
    }
  }
  if (found === 0) throw new EvalInputError(`${snapshotDir} has no ${MCQ_FILES.text} or ${MCQ_FILES.image}: is it a snapshot exported with the evaluation set?`);
  return out;
}

export interface PredictionRead {
  predictions: Prediction[];
  /** Ids given more than once: the first answer counts. */
  duplicates: string[];
}

export async function readPredictions(file: string): Promise<PredictionRead> {
  if (!existsSync(file)) throw new EvalInputError(`${file}: no such predictions file`);
  const label = path.basename(file);
  const seen = new Set<string>();
  const predictions: Prediction[] = [];
  const duplicates: string[] = [];
  for await (const { line, value } of jsonLines(file, label)) {
    const parsed = predictionSchema.safeParse(value);
    if (!parsed.success) throw new EvalInputError(`${label} line ${line}: ${issueText(parsed.error)} (expected {"id": "...", "answer": "B"})`);
    if (seen.has(parsed.data.id)) {
      duplicates.push(parsed.data.id);
      continue;
    }
    seen.add(parsed.data.id);
    predictions.push({ id: parsed.data.id, answer: parsed.data.answer ?? null });
  }
  return { predictions, duplicates };
}
