// npm run eval:score -- <snapshot-folder> <predictions.jsonl> — scores a model's MCQ answers on a snapshot's
// evaluation set (eval/mcq_text.jsonl and eval/mcq_image.jsonl): accuracy overall and by format, language,
// subfield and level as a table, then one JSON line with the same figures. Needs no database.
import { parseArgs } from "@/lib/cli/args";
import { EvalInputError, scoreSnapshot, scoreTable } from "@/lib/eval";

const USAGE = "usage: npm run eval:score -- <snapshot-folder> <predictions.jsonl>  (one {\"id\": \"…\", \"answer\": \"B\"} per line)";

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.flags.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.positional.length !== 2 || Object.keys(args.flags).length > 0) {
    console.error(`eval:score: ${USAGE}`);
    return 2;
  }
  const [snapshot, predictions] = args.positional;
  try {
    const score = await scoreSnapshot(snapshot, predictions);
    console.log(scoreTable(score));
    console.log(JSON.stringify(score));
    return 0;
  } catch (e) {
    if (e instanceof EvalInputError) {
      console.error(`eval:score: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`eval:score: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
