// The cornerstone side of the viewer: one enabled element, its tools and its stack. React owns the domain data
// and the UI; this class owns cornerstone state and reports back through callbacks. It is only created in the
// browser, after components/viewer/cornerstone.ts has loaded the libraries.
import type { ViewportGeometry } from "@/lib/viewer/geometry";
import { zoomAt } from "@/lib/viewer/geometry";
import type { ToolName } from "@/lib/viewer/keys";
import { clampIndex, describeLoadError, displayability, stackEntries, type StackEntry } from "@/lib/viewer/mapper";
import { presetById, presetWindow, type PresetId } from "@/lib/viewer/presets";
import type { ViewerSeries } from "@/lib/viewer/types";
import type { Cornerstone, CsImage, CsViewport } from "./cs-types";
import { bindViewerEvents, type MeasurementDetail, type RenderedDetail } from "./events";
import { setRasterPixelSpacing } from "./rasterLoader";

/** cornerstone-tools' names for the tools the viewer uses. */
const TOOL = {
  wwwc: "Wwwc",
  length: "Length",
  angle: "Angle",
  cobb: "CobbAngle",
  zoom: "Zoom",
  pan: "Pan",
  wheel: "StackScrollMouseWheel",
} as const;

const MEASUREMENT_TOOLS = [TOOL.length, TOOL.angle, TOOL.cobb];

/** Mouse button masks (cornerstone-tools): 1 left, 2 right, 4 middle. */
const LEFT = 1;
const RIGHT = 2;
const MIDDLE = 4;

/** How many slices around the current one are loaded ahead, so scrolling never waits for the network. */
const PREFETCH_LIMIT = 300;
const PREFETCH_CONCURRENCY = 3;

export interface Measurement {
  tool: Exclude<ToolName, "wwwc">;
  value: number;
  unit: "mm" | "px" | "°";
  /** The domain image and frame it was drawn on. */
  imageId: string;
  frame: number;
}

export interface RenderInfo {
  /** Stack index of the painted image. */
  index: number;
  geometry: ViewportGeometry;
  windowWidth: number;
  windowCenter: number;
  invert: boolean;
  scale: number;
}

export interface ControllerCallbacks {
  slice(index: number, count: number): void;
  rendered(info: RenderInfo): void;
  loading(loading: boolean): void;
  error(message: string | null): void;
  measurement(m: Measurement | null): void;
}

export class ViewerController {
  private entries: StackEntry[] = [];
  private indexById = new Map<string, number>();
  private seriesToken = 0;
  private unbind: (() => void) | null = null;
  private index = 0;
  /** Loads the user waits for (first image of a series, a scrolled-to slice): a sequence number and whether one is pending. */
  private displayLoad = 0;
  private displayLoadPending = false;
  private pendingMeasurement: MeasurementDetail | null = null;

  constructor(
    private readonly cs: Cornerstone,
    private readonly element: HTMLElement,
    private readonly container: HTMLElement,
    private readonly cb: ControllerCallbacks,
  ) {}

  attach(): void {
    const { core, tools } = this.cs;
    const el = this.element;
    core.enable(el);
    tools.addStackStateManager(el, ["stack"]);
    tools.addToolForElement(el, tools.WwwcTool);
    tools.addToolForElement(el, tools.ZoomTool, { configuration: { invert: false, preventZoomOutsideImage: false, minScale: 0.05, maxScale: 40 } });
    tools.addToolForElement(el, tools.PanTool);
    tools.addToolForElement(el, tools.StackScrollMouseWheelTool, { configuration: { loop: false, allowSkipping: true } });
    tools.addToolForElement(el, tools.LengthTool);
    tools.addToolForElement(el, tools.AngleTool);
    tools.addToolForElement(el, tools.CobbAngleTool);
    tools.setToolActiveForElement(el, TOOL.zoom, { mouseButtonMask: RIGHT });
    tools.setToolActiveForElement(el, TOOL.pan, { mouseButtonMask: MIDDLE });
    tools.setToolActiveForElement(el, TOOL.wheel, {});
    this.setTool("wwwc");
    this.unbind = bindViewerEvents(this.cs, el, this.container, {
      rendered: (d) => this.onRendered(d),
      newImage: (imageId) => {
        const i = this.indexById.get(imageId);
        if (i === undefined) return;
        this.setIndex(i);
        this.cb.error(null);
      },
      stackScroll: (i) => this.setIndex(i),
      loadStart: () => this.startDisplayLoad(),
      loadEnd: () => this.endDisplayLoad(),
      loadError: (imageId, error) => {
        this.endDisplayLoad();
        this.cb.error(describeLoadError(error, this.entries.find((e) => e.imageId === imageId)?.image ?? null));
      },
      measurement: (d, phase) => this.onMeasurement(d, phase),
      zoomWheel: (factor, pageX, pageY) => this.zoomWheel(factor, pageX, pageY),
      uncaughtError: (message) => this.onUncaughtError(message),
    });
  }

  private startDisplayLoad(): void {
    this.displayLoad++;
    this.displayLoadPending = true;
    this.cb.loading(true);
  }

  private endDisplayLoad(): void {
    this.displayLoadPending = false;
    this.cb.loading(false);
  }

  private onUncaughtError(message: string): void {
    if (!this.displayLoadPending) return;
    const load = this.displayLoad;
    const entry = this.currentEntry;
    // Only blame the image when its load is still stuck a moment later (an unrelated error elsewhere on the page
    // while a healthy image loads resolves within that moment).
    window.setTimeout(() => {
      if (!this.displayLoadPending || load !== this.displayLoad) return;
      this.endDisplayLoad();
      this.cb.error(describeLoadError(new Error(message), entry?.image ?? null));
    }, 750);
  }

  detach(): void {
    this.seriesToken++;
    this.unbind?.();
    this.unbind = null;
    try {
      // Disabling also removes the element's tools and tool state in cornerstone-tools.
      this.cs.core.disable(this.element);
    } catch {
      // Already disabled.
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Stack

  /** Shows a series, opening at `start`; resolves when its first image is displayed (or failed). */
  async showSeries(series: ViewerSeries, start: number): Promise<void> {
    const { core, tools } = this.cs;
    const token = ++this.seriesToken;
    this.entries = stackEntries(series, window.location.origin);
    this.indexById = new Map(this.entries.map((e, i) => [e.imageId, i]));
    for (const e of this.entries) if (e.image.format !== "dicom") setRasterPixelSpacing(e.imageId, e.image.pixelSpacing);
    const index = clampIndex(start, this.entries.length);
    tools.clearToolState(this.element, "stack");
    tools.addToolState(this.element, "stack", { currentImageIdIndex: index, imageIds: this.entries.map((e) => e.imageId) });
    this.setIndex(index);
    this.cb.error(null);
    this.pendingMeasurement = null;
    this.cb.measurement(null);
    const entry = this.entries[index];
    if (!entry) {
      this.cb.error("This series has no images.");
      return;
    }
    const ok = displayability(entry.image);
    if (!ok.ok) {
      this.cb.error(ok.reason);
      return;
    }
    this.startDisplayLoad();
    let image: CsImage;
    try {
      image = await core.loadAndCacheImage(entry.imageId);
    } catch (e) {
      if (token !== this.seriesToken) return;
      this.endDisplayLoad();
      this.cb.error(describeLoadError(e, entry.image));
      return;
    }
    if (token !== this.seriesToken) return;
    this.endDisplayLoad();
    // A new series starts fitted, with its own window — not with the zoom and window of the previous one.
    core.displayImage(this.element, image, core.getDefaultViewportForImage(this.element, image));
    void this.prefetch(token, index);
  }

  private async prefetch(token: number, from: number): Promise<void> {
    // Nearest first, alternating below and above the current slice.
    const order: number[] = [];
    for (let d = 1; order.length < Math.min(PREFETCH_LIMIT, this.entries.length - 1); d++) {
      if (from + d < this.entries.length) order.push(from + d);
      if (from - d >= 0) order.push(from - d);
      if (from + d >= this.entries.length && from - d < 0) break;
    }
    const queue = order.filter((i) => displayability(this.entries[i].image).ok);
    const worker = async () => {
      while (queue.length && token === this.seriesToken) {
        const i = queue.shift()!;
        try {
          await this.cs.core.loadAndCacheImage(this.entries[i].imageId);
        } catch {
          // Reported when the slice is actually shown.
        }
      }
    };
    await Promise.all(Array.from({ length: PREFETCH_CONCURRENCY }, worker));
  }

  private setIndex(i: number): void {
    this.index = i;
    this.cb.slice(i, this.entries.length);
  }

  get sliceIndex(): number {
    return this.index;
  }

  get sliceCount(): number {
    return this.entries.length;
  }

  get currentEntry(): StackEntry | null {
    return this.entries[this.index] ?? null;
  }

  scrollTo(index: number): void {
    if (!this.entries.length) return;
    const i = clampIndex(index, this.entries.length);
    if (i === this.index) return;
    this.cs.scrollToIndex(this.element, i);
  }

  scrollBy(delta: number): void {
    this.scrollTo(this.index + delta);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Viewport

  private viewport(): CsViewport | null {
    try {
      const enabled = this.cs.core.getEnabledElement(this.element);
      return enabled.image ? (this.cs.core.getViewport(this.element) ?? null) : null;
    } catch {
      return null;
    }
  }

  private image(): CsImage | null {
    try {
      return this.cs.core.getEnabledElement(this.element).image ?? null;
    } catch {
      return null;
    }
  }

  applyPreset(id: PresetId): void {
    const vp = this.viewport();
    const image = this.image();
    if (!vp || !image) return;
    const slope = image.slope || 1;
    const intercept = image.intercept || 0;
    const a = image.minPixelValue * slope + intercept;
    const b = image.maxPixelValue * slope + intercept;
    const w = presetWindow(presetById(id), { modality: this.currentEntry?.image.modality ?? null, min: Math.min(a, b), max: Math.max(a, b) });
    this.cs.core.setViewport(this.element, { ...vp, voi: { windowWidth: w.windowWidth, windowCenter: w.windowCenter } });
  }

  /** The window on display (modality units), or null before the first image. */
  currentWindow(): { windowWidth: number; windowCenter: number } | null {
    const vp = this.viewport();
    return vp ? { windowWidth: vp.voi.windowWidth, windowCenter: vp.voi.windowCenter } : null;
  }

  invert(): void {
    const vp = this.viewport();
    if (vp) this.cs.core.setViewport(this.element, { ...vp, invert: !vp.invert });
  }

  reset(): void {
    if (this.viewport()) this.cs.core.reset(this.element);
  }

  private zoomWheel(factor: number, pageX: number, pageY: number): void {
    const vp = this.viewport();
    const image = this.image();
    if (!vp || !image) return;
    const pointer = this.cs.core.pageToPixel(this.element, pageX, pageY);
    const z = zoomAt({ scale: vp.scale, translation: vp.translation, columns: image.columns, rows: image.rows }, pointer, factor);
    this.cs.core.setViewport(this.element, { ...vp, scale: z.scale, translation: z.translation });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Tools and measurements

  setTool(tool: ToolName): void {
    const { tools } = this.cs;
    const active = TOOL[tool];
    // The other left-button tools go passive: their drawings stay visible and editable, they just don't start new ones.
    for (const name of [TOOL.wwwc, ...MEASUREMENT_TOOLS]) if (name !== active) tools.setToolPassiveForElement(this.element, name);
    tools.setToolActiveForElement(this.element, active, { mouseButtonMask: LEFT });
  }

  /** Removes the measurements of the displayed slice. */
  clearMeasurements(): void {
    for (const name of MEASUREMENT_TOOLS) this.cs.tools.clearToolState(this.element, name);
    if (this.image()) this.cs.core.updateImage(this.element);
    this.cb.measurement(null);
  }

  private onMeasurement(d: MeasurementDetail, phase: "completed" | "modified" | "removed"): void {
    if (phase === "removed") {
      this.pendingMeasurement = null;
      this.cb.measurement(null);
      return;
    }
    // The tools compute length / rAngle while drawing (on cornerstoneimagerendered, in a listener registered before
    // ours), not when they fire the event: read the values after the next paint.
    this.pendingMeasurement = d;
    if (this.image()) this.cs.core.updateImage(this.element);
  }

  private reportMeasurement(d: MeasurementDetail): void {
    const entry = this.currentEntry;
    if (!entry) return;
    const data = d.measurementData;
    if (d.toolName === TOOL.length && typeof data.length === "number") {
      this.cb.measurement({ tool: "length", value: data.length, unit: this.hasPixelSpacing() ? "mm" : "px", imageId: entry.image.id, frame: entry.frame });
    } else if (d.toolName === TOOL.angle && typeof data.rAngle === "number") {
      this.cb.measurement({ tool: "angle", value: data.rAngle, unit: "°", imageId: entry.image.id, frame: entry.frame });
    } else if (d.toolName === TOOL.cobb && typeof data.rAngle === "number" && data.complete !== false) {
      // A Cobb angle exists once its second line is drawn.
      this.cb.measurement({ tool: "cobb", value: data.rAngle, unit: "°", imageId: entry.image.id, frame: entry.frame });
    }
  }

  /** The same rule as cornerstone-tools' length tool: DICOM metadata first, then the image object. */
  private hasPixelSpacing(): boolean {
    const image = this.image();
    if (!image) return false;
    const plane = this.cs.core.metaData.get("imagePlaneModule", image.imageId);
    const row = (plane?.rowPixelSpacing ?? plane?.rowImagePixelSpacing ?? image.rowPixelSpacing) as number | undefined;
    const col = (plane?.columnPixelSpacing ?? plane?.colImagePixelSpacing ?? image.columnPixelSpacing) as number | undefined;
    return !!row && !!col;
  }

  // -------------------------------------------------------------------------------------------------------------

  private onRendered(d: RenderedDetail): void {
    // A paint of the previous series' last image after a switch is not this series being rendered.
    const index = this.indexById.get(d.image.imageId);
    if (index === undefined) return;
    if (this.pendingMeasurement) {
      this.reportMeasurement(this.pendingMeasurement);
      this.pendingMeasurement = null;
    }
    this.cb.rendered({
      index,
      geometry: {
        canvasWidth: d.canvas.width,
        canvasHeight: d.canvas.height,
        columns: d.image.columns,
        rows: d.image.rows,
        // calculateTransform stretches non-square pixels by the image object's spacing (not the metadata's).
        rowPixelSpacing: d.image.rowPixelSpacing ?? null,
        columnPixelSpacing: d.image.columnPixelSpacing ?? null,
        scale: d.viewport.scale,
        translation: { ...d.viewport.translation },
        rotation: d.viewport.rotation,
        hflip: d.viewport.hflip,
        vflip: d.viewport.vflip,
      },
      windowWidth: d.viewport.voi.windowWidth,
      windowCenter: d.viewport.voi.windowCenter,
      invert: d.viewport.invert,
      scale: d.viewport.scale,
    });
  }
}
