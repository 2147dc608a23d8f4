// npm run export:verify <folder> — recomputes the sha256 of every file of a snapshot folder against its manifest
// and names each file that was changed, removed or added. Exit code 0 when intact, 1 otherwise.
import { verifySnapshot } from "@/lib/export/manifest";

function main(): number {
  const folder = process.argv[2];
  if (!folder) {
    console.error("export:verify: give the snapshot folder: npm run export:verify <folder>");
    return 1;
  }
  try {
    const r = verifySnapshot(folder);
    if (r.ok) {
      console.log(`Snapshot intact: ${r.files} files match the manifest`);
      return 0;
    }
    for (const p of r.problems) console.error(`${p.problem === "changed" ? "changed" : p.problem === "missing" ? "missing" : "not in the manifest"}: ${p.path}`);
    console.error(`Snapshot does not match its manifest: ${r.problems.length} file${r.problems.length === 1 ? "" : "s"}`);
    return 1;
  } catch (e) {
    console.error(`export:verify: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

process.exitCode = main();
