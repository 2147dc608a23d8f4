// A progress bar for long CLI jobs: redrawn in place on a terminal, a line every few seconds otherwise (CI logs).
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
        const rate = done > 0 ? ` ${Math.round(done / ((now - started) / 1000 || 1)).toLocaleString()}/s` : "";
        stream.write(`\r${label} ${phase.padEnd(7)} ${bar} ${(pct * 100).toFixed(0).padStart(3)}% ${done.toLocaleString()}/${total.toLocaleString()}${rate}   `);
      } else if (phase !== lastPhase || now - lastLine > 5000 || done === total) {
        stream.write(`${label} ${phase}: ${done.toLocaleString()}/${total.toLocaleString()} (${(pct * 100).toFixed(0)}%)\n`);
        lastLine = now;
      }
      lastPhase = phase;
    },
    done() {
      if (stream.isTTY) stream.write("\n");
    },
  };
}
