// The one place where the viewer listens to cornerstone, cornerstone-tools and the DOM. Everything registered
// here is undone by the function it returns, so unmounting (or React StrictMode's double mount) leaves no
// listener behind on a disabled element.
import type { CsImage, CsViewport, Cornerstone, CsEnabledElement } from "./cs-types";

export interface RenderedDetail {
  image: CsImage;
  viewport: CsViewport;
  canvas: HTMLCanvasElement;
}

export interface MeasurementDetail {
  toolName: string;
  measurementData: Record<string, unknown>;
}

export interface ViewerEventHandlers {
  /** After every paint (cornerstoneimagerendered). */
  rendered(detail: RenderedDetail): void;
  /** A new image was put on the element (stack scroll or series switch). */
  newImage(imageId: string): void;
  /** The stack index was changed (before the image has loaded). */
  stackScroll(index: number): void;
  loadStart(): void;
  loadEnd(): void;
  loadError(imageId: string, error: unknown): void;
  measurement(detail: MeasurementDetail, phase: "completed" | "modified" | "removed"): void;
  /** ctrl + wheel (and trackpad pinch, which browsers report as ctrl + wheel): zoom at the pointer. */
  zoomWheel(factor: number, pageX: number, pageY: number): void;
  /**
   * An exception nobody caught. Some decoder failures of the WADO loader are thrown asynchronously and never
   * reject the load promise (e.g. "unable to find fragment that matches basic offset table entry"), which would
   * leave the viewer on "Loading…" for ever.
   */
  uncaughtError(message: string): void;
}

export function bindViewerEvents(cs: Cornerstone, element: HTMLElement, container: HTMLElement, h: ViewerEventHandlers): () => void {
  const { core, tools } = cs;
  const offs: (() => void)[] = [];
  const on = (target: EventTarget, type: string, fn: (e: Event) => void, opts?: AddEventListenerOptions) => {
    target.addEventListener(type, fn, opts);
    offs.push(() => target.removeEventListener(type, fn, opts));
  };
  const detail = <T,>(e: Event) => (e as CustomEvent<T>).detail;

  on(element, core.EVENTS.IMAGE_RENDERED, (e) => {
    const d = detail<{ image: CsImage; viewport: CsViewport; enabledElement: CsEnabledElement }>(e);
    h.rendered({ image: d.image, viewport: d.viewport, canvas: d.enabledElement.canvas });
  });
  on(element, core.EVENTS.NEW_IMAGE, (e) => h.newImage(detail<{ image: CsImage }>(e).image.imageId));
  on(element, tools.EVENTS.STACK_SCROLL, (e) => h.stackScroll(detail<{ newImageIdIndex: number }>(e).newImageIdIndex));
  on(element, tools.EVENTS.MEASUREMENT_COMPLETED, (e) => h.measurement(detail<MeasurementDetail>(e), "completed"));
  on(element, tools.EVENTS.MEASUREMENT_MODIFIED, (e) => h.measurement(detail<MeasurementDetail>(e), "modified"));
  on(element, tools.EVENTS.MEASUREMENT_REMOVED, (e) => h.measurement(detail<MeasurementDetail>(e), "removed"));

  // Capture phase on the container runs before cornerstone-tools' own wheel listener on the element, so a
  // ctrl + wheel zooms instead of also scrolling the stack (and instead of zooming the browser page).
  on(
    container,
    "wheel",
    (e) => {
      const w = e as WheelEvent;
      if (!w.ctrlKey) return;
      w.preventDefault();
      w.stopPropagation();
      if (Math.abs(w.deltaY) < 0.01) return;
      // Proportional to the delta, so a trackpad pinch (small deltas) is smooth and a wheel notch is ~10 %.
      h.zoomWheel(Math.exp(-Math.max(-100, Math.min(100, w.deltaY)) * 0.001), w.pageX, w.pageY);
    },
    { capture: true, passive: false },
  );
  // Right-drag zooms: no context menu. Middle-drag pans: no autoscroll / paste.
  on(container, "contextmenu", (e) => e.preventDefault());
  on(container, "mousedown", (e) => {
    if ((e as MouseEvent).button === 1) e.preventDefault();
  });

  on(window, "error", (e) => h.uncaughtError((e as ErrorEvent).message || "unknown error"));
  on(window, "unhandledrejection", (e) => {
    const reason = (e as PromiseRejectionEvent).reason;
    h.uncaughtError(reason instanceof Error ? reason.message : typeof reason === "string" ? reason : "unknown error");
  });

  tools.loadHandlerManager.setStartLoadHandler(() => h.loadStart(), element);
  tools.loadHandlerManager.setEndLoadHandler(() => h.loadEnd(), element);
  tools.loadHandlerManager.setErrorLoadingHandler((_el, imageId, error) => h.loadError(imageId, error), element);
  offs.push(() => tools.loadHandlerManager.removeHandlers(element));

  // The canvas follows the element's size (panels opening, window resizes); a fitted image is refitted. A hidden
  // element (size 0: a collapsed panel, display: none) is left alone: cornerstone would fit the image to scale 0
  // and, when shown again, rescale a zoomed image by size ratios with a zero denominator.
  const observer = new ResizeObserver(() => {
    if (element.clientWidth === 0 || element.clientHeight === 0) return;
    try {
      core.resize(element, false);
    } catch {
      // The element was disabled in the meantime.
    }
  });
  observer.observe(element);
  offs.push(() => observer.disconnect());

  return () => {
    for (const off of offs.reverse()) off();
  };
}
