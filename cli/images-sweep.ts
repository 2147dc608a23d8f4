// npm run images:sweep [-- --dry-run] — removes image files no Image row refers to, and the staging folders of
// imports that are no longer running. --dry-run lists what would be removed and removes nothing.
import { parseArgs } from "@/lib/cli/args";
import { runCli } from "@/lib/cli/run";
import { sweepImageStore } from "@/lib/storage/sweep";

void runCli("images:sweep", async () => {
  const args = parseArgs(process.argv.slice(2));
  const unknown = Object.keys(args.flags).filter((f) => f !== "dry-run");
  if (unknown.length || args.positional.length) throw new Error(`unknown argument ${unknown[0] ? `--${unknown[0]}` : args.positional[0]}: the only option is --dry-run`);
  const r = await sweepImageStore({ dryRun: args.flags["dry-run"] === true });
  const verb = r.dryRun ? "would be removed" : "removed";
  console.log(`Image store: ${r.stored} files; ${r.orphans.length} with no image row ${verb}; ${r.staleStaging.length} stale staging folder(s) ${verb}.`);
  for (const key of r.orphans.slice(0, 50)) console.log(`  orphan ${key}`);
  if (r.orphans.length > 50) console.log(`  … and ${r.orphans.length - 50} more`);
  for (const id of r.staleStaging) console.log(`  staging folder of batch ${id}`);
  return 0;
});
