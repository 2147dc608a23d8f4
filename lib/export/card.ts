// The Hugging Face dataset card (README.md with YAML front matter: configs and their data_files per split,
// licence, languages, size category) and LLaMA-Factory's dataset_info.json (sharegpt mappings of the SFT,
// preference and KTO files). Pure: made from the list of data files the snapshot wrote.
import { SPLITS } from "./splits";

export interface CardInput {
  name: string;
  /** Data files written, relative and without extension: "sft/train", "eval/mcq_text", … */
  files: string[];
  counts: Record<string, number>;
  items: number;
  languages: string[];
  licences: string[];
  parquet: boolean;
  createdAt: string | null;
}

const CONFIG_DESCRIPTIONS: Record<string, string> = {
  native: "the final item with every version, levels before and after correction, provenance and per-level decisions (reviewers pseudonymised)",
  sft: "ms-swift / ShareGPT `messages` + `images`, one `<image>` tag per image in order",
  preference: "preference pairs from edits (chosen = reviewed text, rejected = the LLM text the reviewer corrected)",
  preference_llamafactory: "the same pairs in LLaMA-Factory's ranking form (`conversations`, `chosen`, `rejected`)",
  kto: "KTO examples: approved items `label: true`, rejected items `label: false` with their reason",
  grounding: "level grounding in ms-swift's form: `<ref-object>` / `<bbox>` tags and `objects` {ref, bbox} in image pixels",
  eval: "SpineBench-style evaluation set (from the test split): MCQs with answer keys, text-only and image+text apart, and reports with rubric scores",
};

export function sizeCategory(n: number): string {
  if (n < 1_000) return "n<1K";
  if (n < 10_000) return "1K<n<10K";
  if (n < 100_000) return "10K<n<100K";
  if (n < 1_000_000) return "100K<n<1M";
  return "1M<n<10M";
}

const yamlString = (s: string) => JSON.stringify(s);

/** ("sft", files) → [{split, path}] for the config, in train/validation/test order. */
function configFiles(config: string, files: string[], ext: string): { split: string; path: string }[] {
  const of = files.filter((f) => f.split("/")[0] === config);
  if (config === "eval") return of.sort().map((f) => ({ split: f.split("/")[1], path: `${f}.${ext}` }));
  return SPLITS.filter((s) => of.includes(`${config}/${s}`)).map((s) => ({ split: s, path: `${config}/${s}.${ext}` }));
}

export function datasetCard(c: CardInput): string {
  const ext = c.parquet ? "parquet" : "jsonl";
  const configs = [...new Set(c.files.map((f) => f.split("/")[0]))].sort();
  const licence = c.licences.length === 1 && /^[a-z0-9.-]+$/i.test(c.licences[0]) ? c.licences[0].toLowerCase() : "other";
  const yaml: string[] = ["---", `license: ${licence}`];
  if (licence === "other") yaml.push(`license_name: ${yamlString(c.licences.length ? c.licences.join("; ") : "see the provenance of each item")}`);
  yaml.push("language:", ...(c.languages.length ? c.languages : ["en"]).map((l) => `- ${l}`));
  yaml.push("size_categories:", `- ${sizeCategory(c.items)}`);
  yaml.push("task_categories:", "- visual-question-answering", "- text-generation", "tags:", "- medical", "- spine", "- radiology", "configs:");
  for (const config of configs) {
    yaml.push(`- config_name: ${config}`, "  data_files:");
    for (const f of configFiles(config, c.files, ext)) yaml.push(`  - split: ${f.split}`, `    path: ${f.path}`);
  }
  yaml.push("---", "");
  const rows = Object.entries(c.counts).map(([f, n]) => `| ${f} | ${n} |`);
  const body = [
    `# ${c.name}`,
    "",
    "A snapshot of clinician-reviewed spine QA items (SpineMed Review): only items that reviewers approved or an adjudicator settled, each in its final state (the last reviewed or adjudicated text; levels after the accepted level corrections).",
    "",
    `Items: ${c.items}. Data as of: ${c.createdAt ?? "n/a"}. Hashes of every file: \`manifest.json\` (check with \`npm run export:verify <folder>\`).`,
    "",
    "## Configs",
    "",
    ...configs.map((k) => `- **${k}**: ${CONFIG_DESCRIPTIONS[k] ?? k}`),
    "",
    "## Splits",
    "",
    "Train, validation and test are cut by ratio with a seed, grouped by case (no case is on two sides; items without a case are grouped by their source reference) and stratified by task type.",
    "",
    "## Images",
    "",
    "PNG files under `images/`, named by the sha256 of their bytes and referenced by relative path (8-bit; DICOM rendered with its stored window, MONOCHROME1 inverted).",
    "",
    "## Grounding boxes",
    "",
    "Landmarks are vertebral body centroids. With d the median distance between neighbouring vertebral centroids on the image, a vertebra's box is a square of side 0.9·d around its centroid; a disc's box is centred between its two vertebrae, 0.9·d wide and 0.4·d tall; boxes are clipped to the image, in pixels `[x1, y1, x2, y2]`. Only levels whose position a reviewer confirmed or corrected are emitted.",
    "",
    "## Records per file",
    "",
    "| file | records |",
    "| --- | --- |",
    ...rows,
    "",
    "Reviewer ids are pseudonyms (salted HMAC), stable within this snapshot only.",
    "",
  ];
  return [...yaml, ...body].join("\n");
}

const SHAREGPT_TAGS = { role_tag: "role", content_tag: "content", user_tag: "user", assistant_tag: "assistant", system_tag: "system" };

/** LLaMA-Factory's dataset_info.json: one entry per split file of SFT, preference (its ranking form) and KTO. */
export function datasetInfo(c: Pick<CardInput, "files" | "name">): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const base = c.name.replace(/[^A-Za-z0-9_]+/g, "_");
  for (const s of SPLITS) {
    if (c.files.includes(`sft/${s}`)) {
      out[`${base}_sft_${s}`] = { file_name: `sft/${s}.jsonl`, formatting: "sharegpt", columns: { messages: "messages", images: "images" }, tags: SHAREGPT_TAGS };
    }
    if (c.files.includes(`preference_llamafactory/${s}`)) {
      out[`${base}_preference_${s}`] = {
        file_name: `preference_llamafactory/${s}.jsonl`,
        formatting: "sharegpt",
        ranking: true,
        columns: { messages: "conversations", chosen: "chosen", rejected: "rejected", images: "images" },
        tags: SHAREGPT_TAGS,
      };
    }
    if (c.files.includes(`kto/${s}`)) {
      out[`${base}_kto_${s}`] = { file_name: `kto/${s}.jsonl`, formatting: "sharegpt", columns: { messages: "messages", kto_tag: "label", images: "images" }, tags: SHAREGPT_TAGS };
    }
  }
  return out;
}
