// npx tsx scripts/bench/viewer.ts   (BASE_URL=http://127.0.0.1:3000 by default; CHROMIUM_PATH=/usr/bin/chromium)
// Measures the image viewer against a running demo server (npm run demo, or the e2e server): it starts nothing
// itself. Signs in as the demo reviewer in headless Chromium and reports, for case demo-case-001:
//   1. first paint: from the case page's response (the case data arrives with the HTML) to the first
//      cornerstoneimagerendered of a DICOM — cold (fresh browser context) and warm (reload, files from cache);
//   2. slice change to an already-loaded slice of the 15-slice sagittal T2 stack: median of 20 ↑/↓ key presses,
//      timed in the page with performance.now() from the key event to cornerstoneimagerendered;
//   3. the same for the largest DICOM (the lateral X-ray, 512 wide): switching back to it when it is already
//      loaded, and re-rendering it with a window preset.
import { chromium, type Browser, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../lib/demo/accounts";

const BASE_URL = (process.env.BASE_URL || "http://127.0.0.1:3000").replace(/\/$/, "");
const CASE_ID = "demo-case-001";
const COLD_RUNS = Number(process.env.COLD_RUNS || 5);
const CHANGES = 20;

const reviewer = DEMO_ACCOUNTS.find((a) => a.role === "reviewer")!;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const summary = (xs: number[]) => `median ${ms(median(xs))} (min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))}, n=${xs.length})`;

// Runs in the page before any script: records the first paint of any cornerstone element. cornerstone's events
// do not bubble, but a capture listener on window sees every event on its way down to the element.
function recordFirstPaint() {
  const w = window as unknown as { __firstPaint?: { t: number; imageId: string; columns: number; rows: number } };
  window.addEventListener(
    "cornerstoneimagerendered",
    (e) => {
      if (w.__firstPaint) return;
      const image = (e as CustomEvent<{ image: { imageId: string; columns: number; rows: number } }>).detail.image;
      w.__firstPaint = { t: performance.now(), imageId: image.imageId, columns: image.columns, rows: image.rows };
    },
    true,
  );
}

async function signIn(page: Page) {
  await page.goto(`${BASE_URL}/login`);
  await page.getByLabel("E-mail").fill(reviewer.email);
  await page.getByLabel("Password").fill(reviewer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("current-user").waitFor({ timeout: 20_000 });
}

async function firstPaint(page: Page) {
  await page.waitForFunction(() => (window as unknown as { __firstPaint?: unknown }).__firstPaint, undefined, { timeout: 60_000 });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const fp = (window as unknown as { __firstPaint: { t: number; imageId: string; columns: number; rows: number } }).__firstPaint;
    return { fromResponse: fp.t - nav.responseEnd, fromNavigation: fp.t - nav.startTime, imageId: fp.imageId, columns: fp.columns, rows: fp.rows };
  });
}

async function openCase(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // tsx (esbuild, keepNames) wraps named functions in __name(...) inside the code handed to page.evaluate.
  await context.addInitScript({ content: "window.__name = (f) => f;" });
  await context.addInitScript(recordFirstPaint);
  const page = await context.newPage();
  await signIn(page);
  await page.goto(`${BASE_URL}/cases/${CASE_ID}`);
  return { context, page };
}

/** In the page: `times` actions, each timed from just before it to the element's next cornerstoneimagerendered. */
async function timeRenders(page: Page, action: "slice" | "preset" | "series-xray"): Promise<{ times: number[]; size: string }> {
  return page.evaluate(
    async ({ action, n }) => {
      const element = document.querySelector<HTMLElement>('[data-testid="viewer-canvas"]')!;
      const focusable = element.parentElement!;
      let size = "";
      const nextRender = () =>
        new Promise<void>((resolve) =>
          element.addEventListener(
            "cornerstoneimagerendered",
            (e) => {
              const image = (e as CustomEvent<{ image: { columns: number; rows: number } }>).detail.image;
              size = `${image.columns}×${image.rows}`;
              resolve();
            },
            { once: true },
          ),
        );
      const idle = () => new Promise((r) => setTimeout(r, 50));
      const key = (k: string) => focusable.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
      const tab = (label: string) => [...document.querySelectorAll<HTMLButtonElement>('[data-testid="series-tab"]')].find((b) => b.textContent?.startsWith(label))!;
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        if (action === "series-xray") {
          // Go to the MR stack first (not timed), then time the switch back to the already-loaded radiograph.
          const mr = tab("Sagittal T2");
          if (mr.getAttribute("aria-selected") !== "true") {
            const away = nextRender();
            mr.click();
            await away;
            await idle();
          }
        }
        const rendered = nextRender();
        const t0 = performance.now();
        if (action === "slice") key(i % 2 === 0 ? "ArrowDown" : "ArrowUp");
        else if (action === "preset") key(i % 2 === 0 ? "1" : "2");
        else tab("Lateral X-ray").click();
        await rendered;
        out.push(performance.now() - t0);
        await idle();
      }
      return { times: out, size };
    },
    { action, n: action === "series-xray" ? 10 : CHANGES },
  );
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    console.log(`bench:viewer — ${BASE_URL}/cases/${CASE_ID}`);

    // 1. First paint, cold: a fresh context has an empty HTTP cache, so the viewer's scripts and the file are fetched.
    const cold: number[] = [];
    const coldNav: number[] = [];
    let first: Awaited<ReturnType<typeof firstPaint>> | null = null;
    for (let i = 0; i < COLD_RUNS; i++) {
      const { context, page } = await openCase(browser);
      const fp = await firstPaint(page);
      first ??= fp;
      cold.push(fp.fromResponse);
      coldNav.push(fp.fromNavigation);
      await context.close();
    }
    const format = first!.imageId.startsWith("wadouri:") ? "DICOM" : "raster";
    console.log(`  first painted image: ${format} ${first!.columns}×${first!.rows} (${first!.imageId.replace(/^[^:]+:/, "")})`);
    console.log(`  first paint after the case page arrived, cold:  ${summary(cold)}`);
    console.log(`      (from navigation start, incl. server render: ${summary(coldNav)})`);

    // Warm: reloads in one context (scripts and the content-addressed image from the browser cache).
    const { context, page } = await openCase(browser);
    await firstPaint(page);
    const warm: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      await page.reload();
      warm.push((await firstPaint(page)).fromResponse);
    }
    console.log(`  first paint after the case page arrived, warm:  ${summary(warm)}`);

    // 2. Slice changes in the MR stack, after every slice has been loaded (prefetch) — pure display cost.
    await page.getByRole("tab", { name: /^Sagittal T2/ }).click();
    await page.locator('[data-testid="viewer-canvas"][data-rendered="true"]').waitFor();
    await page.waitForLoadState("networkidle");
    const count = await page.locator('[data-testid="viewer-canvas"]').getAttribute("data-slice-count");
    const slice = await timeRenders(page, "slice");
    console.log(`  slice change, already loaded (Sagittal T2, ${count} slices of ${slice.size}):  ${summary(slice.times)}`);

    // 3. The largest DICOM of the demo: the lateral radiograph.
    const xraySwitch = await timeRenders(page, "series-xray");
    const preset = await timeRenders(page, "preset");
    const canvas = await page.evaluate(() => {
      const c = document.querySelector<HTMLElement>('[data-testid="viewer-canvas"]')!;
      return { size: `${c.querySelector("canvas")!.width}×${c.querySelector("canvas")!.height}`, scale: Number(c.dataset.scale) };
    });
    console.log(`  change to the already-loaded lateral X-ray DICOM (${xraySwitch.size}):  ${summary(xraySwitch.times)}`);
    console.log(`  re-render of the lateral X-ray with a window preset (${preset.size}):  ${summary(preset.times)}`);
    console.log(`  (canvas ${canvas.size} px, zoom ${(canvas.scale * 100).toFixed(0)} %; the demo has no 512×512 stack, its largest DICOM is this radiograph)`);
    await context.close();
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
