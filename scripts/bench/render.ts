// npm run bench:render — PNG renders per second for a 512² MR slice and a 3000×2400 radiograph (full size and
// shrunk to 1024). Prints one line per figure and, last, one JSON object with all of them.
import { measureRenderRate } from "@/lib/export/render/bench";

const figures = await measureRenderRate();
for (const [k, v] of Object.entries(figures)) console.log(`${k}: ${v}`);
console.log(JSON.stringify(figures));
