// A synthetic SpineMed-scale import file: four task types in realistic proportions and lengths, structured
// levels, provenance, and references to a pool of images by series and instance UID. Deterministic.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { prng } from "@/lib/dicom/phantom";

export const IMAGE_POOL = 33_000;
export const instanceUid = (n: number) => `1.2.826.0.1.3680043.10.999.${Math.floor(n / 20)}.${n % 20}`;
export const seriesUid = (n: number) => `1.2.826.0.1.3680043.10.999.${Math.floor(n / 20)}`;

const WORDS = (
  "disc herniation extrusion protrusion foraminal stenosis canal nerve root compression radiculopathy myelopathy " +
  "spondylolisthesis pars defect lordosis kyphosis scoliosis Cobb angle vertebral body endplate Modic change " +
  "Pfirrmann grade signal intensity T2 hyperintense sagittal axial facet hypertrophy ligamentum flavum " +
  "decompression fusion laminectomy discectomy conservative physiotherapy analgesia epidural injection " +
  "neurological deficit weakness dermatome myotome reflex claudication instability fracture osteoporotic " +
  "wedge compression burst posterior ligamentous complex follow-up imaging recommended the patient presents with"
).split(" ");
const LEVELS = ["C3/C4", "C4/C5", "C5/C6", "C6/C7", "T11/T12", "T12/L1", "L1/L2", "L2/L3", "L3/L4", "L4/L5", "L5/S1", "L4", "L5", "C5"];
const SUBFIELDS = ["degenerative_cervical", "degenerative_lumbar", "scoliosis_deformity", "trauma", "tumor", "infection", "osteoporosis"];

/** Options of a generated file: how many reviews each item asks for, and an id prefix for a file of new items. */
export interface GenerateOptions {
  requiredReviews?: number;
  idPrefix?: string;
}

export async function generateItems(file: string, count: number, seed = 42, options: GenerateOptions = {}): Promise<{ bytes: number; imageRefs: number }> {
  const idPrefix = options.idPrefix ?? "bench-";
  const rand = prng(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
  const sentence = (min: number, max: number) => {
    const n = min + Math.floor(rand() * (max - min));
    const w: string[] = [];
    for (let i = 0; i < n; i++) w.push(pick(WORDS));
    w[0] = w[0][0].toUpperCase() + w[0].slice(1);
    return `${w.join(" ")}.`;
  };
  const para = (chars: number) => {
    let s = "";
    while (s.length < chars) s += (s ? " " : "") + sentence(8, 20);
    return s;
  };
  const gen = (v: string) => ({ model: "qwen2.5-vl-72b", modelVersion: "2025-01", promptId: `spinemed-${v}`, promptVersion: "3", params: { temperature: 0.7, top_p: 0.9 } });
  const out = createWriteStream(file);
  let bytes = 0;
  let imageRefs = 0;
  for (let i = 0; i < count; i++) {
    const r = rand();
    const taskType = r < 0.4 ? "mcq" : r < 0.7 ? "open_qa" : r < 0.85 ? "consultation" : "report";
    const withImage = rand() < 0.35;
    const level = pick(LEVELS);
    const levels = rand() < 0.5 ? [level] : [...new Set([level, pick(LEVELS)])];
    const content = () => {
      switch (taskType) {
        case "mcq":
          return { format: withImage ? "image_text" : "text", question: para(220), options: { A: sentence(4, 9), B: sentence(4, 9), C: sentence(4, 9), D: sentence(4, 9), E: sentence(4, 9) }, answer: pick(["A", "B", "C", "D", "E"]), explanation: para(300) };
        case "open_qa":
          return { question: para(180), answer: para(450) };
        case "consultation":
          return { turns: Array.from({ length: 6 }, (_, t) => ({ role: t % 2 ? "doctor" : "patient", text: para(t % 2 ? 260 : 120) })) };
        default:
          return { sections: { findings: para(500), diagnosis: para(200), treatment: { patientFriendly: para(250), evidenceBased: para(300) }, riskPrognosis: para(200), postOpManagement: para(200), diagnosticBasis: para(200) } };
      }
    };
    const images: { seriesUid: string; instanceUid: string }[] = [];
    if (withImage) {
      const n = Math.floor(rand() * IMAGE_POOL);
      images.push({ seriesUid: seriesUid(n), instanceUid: instanceUid(n) });
      imageRefs++;
    }
    const line = {
      externalId: `${idPrefix}${String(i).padStart(7, "0")}`,
      taskType,
      language: rand() < 0.85 ? "en" : "zh",
      modality: withImage ? pick(["XR", "CT", "MR"]) : null,
      subfield: pick(SUBFIELDS),
      levels,
      draft: { content: content(), generator: gen("draft") },
      revision: { content: content(), generator: gen("revision") },
      provenance: withImage
        ? { sourceType: "hospital_case", reference: `partner archive case ${Math.floor(i / 3)}`, caseId: `case-${Math.floor(i / 14)}`, licence: "internal" }
        : { sourceType: pick(["textbook", "guideline", "question_bank", "consensus"]), reference: `doi:10.1000/spine.${i % 5000}`, caseId: null, licence: "CC-BY-4.0" },
      images,
      ...(options.requiredReviews ? { requiredReviews: options.requiredReviews } : {}),
    };
    const text = JSON.stringify(line) + "\n";
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return { bytes, imageRefs };
}
