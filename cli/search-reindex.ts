// npm run search:reindex
// Writes the search text of every item that has none: a database from before the items browser's search, or one
// restored without it. New imports, agreed edits and adjudications keep the index current by themselves.
import { indexMissingTexts } from "@/lib/browse/search-index";
import { progressBar } from "@/lib/cli/progress";
import { runCli } from "@/lib/cli/run";
import { db } from "@/lib/db/client";

void runCli("search:reindex", async () => {
  const total = await db().item.count({ where: { stagedBatchId: null, searchText: null, currentVersionId: { not: null } } });
  const bar = progressBar("search:reindex");
  const n = await indexMissingTexts((done) => bar.update("items", done, total));
  bar.done();
  console.log(`Indexed ${n.toLocaleString("en")} item(s).`);
});
