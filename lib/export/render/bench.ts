// PNG renders per second, for bench:export and bench:render: a 512² MR slice (the common case) and a 3000×2400
// 16-bit radiograph (the large one), both real DICOM files from the generator, rendered and encoded end to end.
import { syntheticLateralXray, syntheticSagittalMrStack } from "@/lib/dicom/synthetic";
import { renderToPng } from "./index";

export interface RenderRate {
  /** 512² MR slices per second (the figure bench:export reports). */
  pngPerSecond: number;
  mr512PngPerSecond: number;
  radiographPngPerSecond: number;
  /** The radiograph again, shrunk to a longest side of 1024. */
  radiographMaxSide1024PngPerSecond: number;
}

async function rate(render: () => Promise<unknown>, minMs: number, minRuns: number): Promise<number> {
  await render(); // warm-up: WebAssembly set-up and JIT
  let runs = 0;
  const t0 = performance.now();
  while (runs < minRuns || performance.now() - t0 < minMs) {
    await render();
    runs++;
  }
  return runs / ((performance.now() - t0) / 1000);
}

const round = (n: number) => Math.round(n * 10) / 10;

export async function measureRenderRate(opts: { minMs?: number } = {}): Promise<RenderRate> {
  const minMs = opts.minMs ?? 3000;
  const mr = syntheticSagittalMrStack({ slices: 3, size: 512, seed: 3 }).files[1].buffer;
  const xr = syntheticLateralXray({ rows: 3000, columns: 2400, seed: 3 }).buffer;
  const mr512 = await rate(() => renderToPng({ bytes: mr, mime: "application/dicom" }), minMs, 20);
  const radiograph = await rate(() => renderToPng({ bytes: xr, mime: "application/dicom" }), minMs, 3);
  const shrunk = await rate(() => renderToPng({ bytes: xr, mime: "application/dicom", maxSide: 1024 }), minMs, 3);
  return {
    pngPerSecond: round(mr512),
    mr512PngPerSecond: round(mr512),
    radiographPngPerSecond: round(radiograph),
    radiographMaxSide1024PngPerSecond: round(shrunk),
  };
}
