// The command line of `npm run export` as a snapshot definition (parsed by the same schema as the web form):
//   --out <folder>                     the snapshot folder to create (required)
//   --format native,sft,…              formats (default: all)
//   --filter key=v1,v2 (repeatable)    status, task, level, modality, source, language, batch, from, to
//   --split 0.8,0.1,0.1 --seed s       split ratios (train,validation,test) and seed
//   --preference swift|trl --max-side N --include-dicom --skip-undecodable --no-parquet --no-images --name n
import { exportDefinitionSchema, type ExportDefinition } from "./definition";

const FILTER_KEYS: Record<string, string> = {
  status: "statuses",
  task: "taskTypes",
  "task-type": "taskTypes",
  level: "levels",
  modality: "modalities",
  source: "sources",
  language: "languages",
  batch: "importBatches",
  "import-batch": "importBatches",
  from: "decidedFrom",
  to: "decidedTo",
};

export class CliUsageError extends Error {}

const csv = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);

/** Every value of a repeatable flag, in order (--filter a --filter b, --filter=a). */
export function repeated(argv: string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}` && i + 1 < argv.length) out.push(argv[++i]);
    else if (argv[i].startsWith(`--${name}=`)) out.push(argv[i].slice(name.length + 3));
  }
  return out;
}

export function definitionFromArgs(argv: string[], flags: Record<string, string | true>): ExportDefinition {
  const filters: Record<string, unknown> = {};
  for (const f of repeated(argv, "filter")) {
    for (const part of f.split(";").map((p) => p.trim()).filter(Boolean)) {
      const eq = part.indexOf("=");
      if (eq <= 0) throw new CliUsageError(`--filter ${part}: write key=value (keys: ${Object.keys(FILTER_KEYS).join(", ")})`);
      const key = FILTER_KEYS[part.slice(0, eq).trim()];
      if (!key) throw new CliUsageError(`--filter ${part}: unknown filter "${part.slice(0, eq).trim()}" (keys: ${Object.keys(FILTER_KEYS).join(", ")})`);
      const value = part.slice(eq + 1).trim();
      if (key === "decidedFrom" || key === "decidedTo") filters[key] = value;
      else filters[key] = [...((filters[key] as string[] | undefined) ?? []), ...csv(value)];
    }
  }
  const str = (k: string) => (typeof flags[k] === "string" ? (flags[k] as string) : undefined);
  const input: Record<string, unknown> = { filters };
  const formats = repeated(argv, "format").flatMap(csv);
  if (formats.length) input.formats = formats;
  if (str("name")) input.name = str("name");
  if (str("split")) {
    const [train, validation, test] = csv(str("split")!).map(Number);
    input.splits = { train, validation, test };
  }
  if (str("seed")) input.seed = str("seed");
  if (str("preference")) input.preferenceForm = str("preference");
  if (str("max-side")) input.maxSide = Number(str("max-side"));
  if (flags["include-dicom"]) input.includeDicom = true;
  if (flags["skip-undecodable"]) input.skipUndecodable = true;
  if (flags["no-parquet"]) input.parquet = false;
  if (flags["no-images"]) input.images = false;
  return exportDefinitionSchema.parse(input);
}
