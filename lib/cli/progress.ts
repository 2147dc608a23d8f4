// A progress bar for long CLI jobs: redrawn in place on a terminal, a line every few seconds otherwise (CI logs).
// Without a terminal, a line every few seconds (PROGRESS_INTERVAL_MS overrides, e.g. for tests that watch it).
const INTERVAL_MS = Number(process.env.PROGRESS_INTERVAL_MS || 5000);

export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let lastLine = 0;
  let lastPhase = "";
  const started = Date.now();
  return {
    update(phase: string, done: number, total: number) {
      const now = Date.now();
      const pct = total > 0 ? Math.min(1, done / total) : 0;
      if (stream.isTTY) {
        const width = 30;
        const bar = "█".repeat(Math.round(pct * width)).padEnd(width, "░");
        const rate = done > 0 ? ` ${Math.round(done / ((now - started) / 1000 || 1)).toLocaleString("en-US")}/s` : "";
        stream.write(`\r${label} ${phase.padEnd(7)} ${bar} ${(pct * 100).toFixed(0).padStart(3)}% ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")}${rate}   `);
      } else if (phase !== lastPhase || now - lastLine > INTERVAL_MS || done === total) {
        stream.write(`${label} ${phase}: ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} (${(pct * 100).toFixed(0)}%)\n`);
        lastLine = now;
      }
      lastPhase = phase;
    },
    done() {
      if (stream.isTTY) stream.write("\n");
    },
  };
}
