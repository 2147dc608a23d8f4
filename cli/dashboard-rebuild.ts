// npm run dashboard:rebuild — recomputes every dashboard rollup from the items and reviews themselves, in one
// transaction (the dashboard shows the old figures until it commits). For repair, and after data was loaded
// without the domain functions.
import { progressBar } from "@/lib/cli/progress";
import { runCli } from "@/lib/cli/run";
import { dbConfig } from "@/lib/db/client";
import { rebuildRollups } from "@/lib/dashboard/rebuild";
import { openBulk } from "@/lib/import/bulk";

void runCli("dashboard:rebuild", async () => {
  const bar = process.stderr.isTTY ? progressBar("rollups") : null;
  const t0 = performance.now();
  const conn = await openBulk(dbConfig());
  try {
    await conn.begin();
    const r = await rebuildRollups(conn, (items) => bar?.update("items", items, 0));
    await conn.commit();
    bar?.done();
    console.log(`Rollups rebuilt: ${r.items} items, ${r.reviews} reviews, ${r.counters} counters in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } catch (e) {
    await conn.rollback();
    throw e;
  } finally {
    await conn.close();
  }
  return 0;
});
