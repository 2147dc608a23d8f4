// npm run bench:viewer   (or BASE_URL=http://… to measure a server that is already running with the demo data)
// Without BASE_URL it starts the e2e server (production build, fresh demo data plus a 512×512 MR series) on port
// 3200, measures in headless Chromium, and stops it. It reports:
//   1. first paint: from the case page's response (the case data arrives with the HTML) to the first
//      cornerstoneimagerendered of a DICOM — cold (fresh browser context) and warm (reload, files from cache),
//      for the 512×512 series and for the demo case (whose first image is a 512×1024 radiograph);
//   2. slice change to an already-loaded slice: median of 20 ↑/↓ key presses, timed in the page with
//      performance.now() from the key event to cornerstoneimagerendered;
//   3. switching to an already-loaded series and re-rendering with a window preset;
//   4. accept → next item shown in the review workspace, timed in the page from the click to the next item's id.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../lib/demo/accounts";

const OWN_PORT = 3200;
const BASE_URL = (process.env.BASE_URL || `http://127.0.0.1:${OWN_PORT}`).replace(/\/$/, "");
const CASE_ID = "demo-case-001";
const CASE_512 = "bench-case-512";
const COLD_RUNS = Number(process.env.COLD_RUNS || 5);
const CHANGES = 20;

const reviewer = DEMO_ACCOUNTS.find((a) => a.role === "reviewer")!;
// Case pages are for admins and adjudicators.
const adjudicator = DEMO_ACCOUNTS.find((a) => a.role === "adjudicator")!;

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

async function signIn(page: Page, who = adjudicator) {
  await page.goto(`${BASE_URL}/login`);
  await page.getByLabel("E-mail").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
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

async function openCase(browser: Browser, caseId = CASE_ID) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // tsx (esbuild, keepNames) wraps named functions in __name(...) inside the code handed to page.evaluate.
  await context.addInitScript({ content: "window.__name = (f) => f;" });
  await context.addInitScript(recordFirstPaint);
  const page = await context.newPage();
  await signIn(page);
  await page.goto(`${BASE_URL}/cases/${caseId}`);
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

/** Accept → next item, timed in the page: from the click to the moment the next item's id is on screen. */
async function acceptNext(browser: Browser, n: number): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript({ content: "window.__name = (f) => f;" });
  const page = await context.newPage();
  await signIn(page, reviewer);
  await page.goto(`${BASE_URL}/queue`);
  await page.getByTestId("start-reviewing").click();
  const times: number[] = [];
  for (let i = 0; i < n + 10 && times.length < n; i++) {
    await page.getByTestId("workspace").waitFor();
    const id = await page.getByTestId("item-external-id").textContent();
    if (await page.getByTestId("rubric").count()) {
      // Reports need the rubric first: score it (not timed).
      for (const group of await page.getByTestId("rubric").getByRole("radiogroup").all()) await group.getByRole("radio").nth(3).click();
    }
    const t = await page.evaluate(
      (previous) =>
        new Promise<number>((resolve, reject) => {
          const start = performance.now();
          const timer = setTimeout(() => reject(new Error("the next item did not appear")), 15_000);
          const check = () => {
            const el = document.querySelector('[data-testid="item-external-id"]');
            if (el && el.textContent !== previous) {
              clearTimeout(timer);
              observer.disconnect();
              resolve(performance.now() - start);
            }
          };
          const observer = new MutationObserver(check);
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          (document.querySelector('[data-testid="accept-item"]') as HTMLButtonElement).click();
        }),
      id,
    );
    times.push(t);
  }
  await context.close();
  return times;
}

async function withServer<T>(fn: () => Promise<T>): Promise<T> {
  if (process.env.BASE_URL) return fn();
  if (!existsSync(".next/BUILD_ID")) {
    console.log("  building the app first …");
    if (spawnSync("npx", ["next", "build"], { stdio: "inherit" }).status !== 0) throw new Error("next build failed");
  }
  const server: ChildProcess = spawn("node", ["scripts/e2e-server.mjs"], {
    env: { ...process.env, E2E_PORT: String(OWN_PORT), BENCH_512: "1" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${BASE_URL}/api/health`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (i > 240) throw new Error("the bench server did not start");
      await new Promise((r) => setTimeout(r, 500));
    }
    return await fn();
  } finally {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      /* gone */
    }
  }
}

async function main() {
  await withServer(measure);
}

async function measure() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    console.log(`bench:viewer — ${BASE_URL}`);

    // 0. The 512×512 series (when the server has it): first paint cold and warm, slice changes.
    {
      const probe = await openCase(browser, CASE_512);
      const has = (await probe.page.getByTestId("viewer-canvas").count()) > 0;
      await probe.context.close();
      if (has) {
        const cold512: number[] = [];
        let info: Awaited<ReturnType<typeof firstPaint>> | null = null;
        for (let i = 0; i < COLD_RUNS; i++) {
          const { context, page } = await openCase(browser, CASE_512);
          info = await firstPaint(page);
          cold512.push(info.fromResponse);
          await context.close();
        }
        const { context, page } = await openCase(browser, CASE_512);
        await firstPaint(page);
        const warm512: number[] = [];
        for (let i = 0; i < COLD_RUNS; i++) {
          await page.reload();
          warm512.push((await firstPaint(page)).fromResponse);
        }
        await page.waitForLoadState("networkidle");
        const slices512 = await timeRenders(page, "slice");
        await context.close();
        console.log(`  ${info!.columns}×${info!.rows} DICOM, first paint after the page arrived, cold: ${summary(cold512)}   (target ≤ 500 ms)`);
        console.log(`  ${info!.columns}×${info!.rows} DICOM, first paint after the page arrived, warm: ${summary(warm512)}`);
        console.log(`  ${info!.columns}×${info!.rows} slice change, already loaded: ${summary(slices512.times)}   (target ≤ 16 ms)`);
      } else console.log(`  (no ${CASE_512} on this server: the 512×512 figures need the bench's own server)`);
    }

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
    console.log(`  (canvas ${canvas.size} px, zoom ${(canvas.scale * 100).toFixed(0)} %)`);
    await context.close();

    // 4. Accept → next item in the review workspace.
    const accept = await acceptNext(browser, 8);
    console.log(`  accept → next item shown: ${summary(accept)}   (target ≤ 300 ms)`);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
