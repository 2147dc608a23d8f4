// The part of the cornerstone-core 2.6 / cornerstone-tools 6 / cornerstone-wado-image-loader 4.13 APIs this
// viewer uses. The packages ship no TypeScript types; these are written from their sources (dist/*.js) and only
// as wide as needed, so a misuse is a compile error rather than a blank canvas.

export interface CsPoint {
  x: number;
  y: number;
}

export interface CsVoi {
  windowWidth: number;
  windowCenter: number;
}

export interface CsViewport {
  scale: number;
  translation: CsPoint;
  voi: CsVoi;
  invert: boolean;
  pixelReplication: boolean;
  rotation: number;
  hflip: boolean;
  vflip: boolean;
}

export interface CsImage {
  imageId: string;
  minPixelValue: number;
  maxPixelValue: number;
  slope: number;
  intercept: number;
  windowCenter: number | number[];
  windowWidth: number | number[];
  getPixelData: () => ArrayLike<number>;
  rows: number;
  columns: number;
  height: number;
  width: number;
  color: boolean;
  invert: boolean;
  sizeInBytes: number;
  rowPixelSpacing?: number;
  columnPixelSpacing?: number;
}

export interface CsEnabledElement {
  element: HTMLElement;
  canvas: HTMLCanvasElement;
  image?: CsImage;
  viewport?: CsViewport;
}

export interface CsImageLoadObject {
  promise: Promise<CsImage>;
  cancelFn?: () => void;
}

export interface CornerstoneCore {
  enable(element: HTMLElement, options?: Record<string, unknown>): void;
  disable(element: HTMLElement): void;
  getEnabledElement(element: HTMLElement): CsEnabledElement;
  loadAndCacheImage(imageId: string): Promise<CsImage>;
  displayImage(element: HTMLElement, image: CsImage, viewport?: Partial<CsViewport>): void;
  getViewport(element: HTMLElement): CsViewport | undefined;
  setViewport(element: HTMLElement, viewport: Partial<CsViewport>): void;
  getDefaultViewportForImage(element: HTMLElement, image: CsImage): CsViewport;
  resize(element: HTMLElement, forceFitToWindow?: boolean): void;
  updateImage(element: HTMLElement, invalidated?: boolean): void;
  registerImageLoader(scheme: string, loader: (imageId: string) => CsImageLoadObject): void;
  pageToPixel(element: HTMLElement, pageX: number, pageY: number): CsPoint;
  reset(element: HTMLElement): void;
  metaData: { get(type: string, imageId: string): Record<string, unknown> | undefined };
  EVENTS: { IMAGE_RENDERED: string; NEW_IMAGE: string; ELEMENT_RESIZED: string; IMAGE_LOAD_FAILED: string };
}

export type CsToolClass = { new (props?: unknown): unknown };

export interface CsToolState<T = unknown> {
  data: T[];
}

export interface CornerstoneTools {
  external: { cornerstone: unknown; cornerstoneMath: unknown; Hammer: unknown };
  init(config?: Record<string, unknown>): void;
  addToolForElement(element: HTMLElement, tool: CsToolClass, props?: Record<string, unknown>): void;
  setToolActiveForElement(element: HTMLElement, name: string, options: { mouseButtonMask?: number }): void;
  setToolPassiveForElement(element: HTMLElement, name: string): void;
  addStackStateManager(element: HTMLElement, toolNames: string[]): void;
  addToolState(element: HTMLElement, toolName: string, data: unknown): void;
  clearToolState(element: HTMLElement, toolName: string): void;
  getToolState<T = unknown>(element: HTMLElement, toolName: string): CsToolState<T> | undefined;
  /** Internal modules not exported at the top level, e.g. "util/scrollToIndex". */
  import(path: string): unknown;
  loadHandlerManager: {
    setStartLoadHandler(handler: (element: HTMLElement) => void, element?: HTMLElement): void;
    setEndLoadHandler(handler: (element: HTMLElement, image: CsImage) => void, element?: HTMLElement): void;
    setErrorLoadingHandler(handler: (element: HTMLElement, imageId: string, error: unknown) => void, element?: HTMLElement): void;
    removeHandlers(element: HTMLElement): void;
  };
  EVENTS: { MEASUREMENT_COMPLETED: string; MEASUREMENT_MODIFIED: string; MEASUREMENT_REMOVED: string; STACK_SCROLL: string };
  WwwcTool: CsToolClass;
  ZoomTool: CsToolClass;
  PanTool: CsToolClass;
  StackScrollMouseWheelTool: CsToolClass;
  LengthTool: CsToolClass;
  AngleTool: CsToolClass;
  CobbAngleTool: CsToolClass;
}

export interface WadoImageLoader {
  external: { cornerstone: unknown; dicomParser: unknown };
}

/** The loaded libraries, as one object handed around the viewer. */
export interface Cornerstone {
  core: CornerstoneCore;
  tools: CornerstoneTools;
  /** cornerstone-tools' scrollToIndex (loads, displays and fires the stack-scroll event). */
  scrollToIndex: (element: HTMLElement, index: number) => void;
}
