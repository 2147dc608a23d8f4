// npm run audit:verify — recomputes the audit trail's hash chain and names the first event that does not match.
// Exit code 0 when the chain is intact, 1 when it is broken (or the database cannot be read).
import { progressBar } from "@/lib/cli/progress";
import { runCli } from "@/lib/cli/run";
import { db } from "@/lib/db/client";
import { verifyAuditChain } from "@/lib/audit";

void runCli("audit:verify", async () => {
  // A progress bar only on a terminal: in scripts and CI the one result line is the whole output.
  const bar = process.stderr.isTTY ? progressBar("audit") : null;
  const total = bar ? await db().auditEvent.count() : 0;
  const report = await verifyAuditChain(bar ? (checked) => bar.update("events", checked, total) : undefined);
  bar?.done();
  if (!report.ok) {
    const broken = report.firstBroken;
    console.error(`Audit chain broken at event #${broken?.seq ?? "?"}: ${broken?.reason ?? "unknown reason"}`);
    return 1;
  }
  console.log(`Audit chain intact: ${report.checked} events`);
  return 0;
});
