// Loads and initialises the cornerstone libraries once per page, on demand. Every browser library is imported
// with a dynamic import() from here, called inside an effect: a top-level import would run at prerender on the
// server (no window) and would also put ~3 MB into every page's bundle instead of only the pages with images.
//
// The WADO loader is the no-web-worker bundle: its codecs (JPEG, JPEG-LS, JPEG 2000, RLE) are compiled into it,
// so nothing is fetched from a CDN and no worker script or .wasm file has to be served under Turbopack. Decoding
// runs on the main thread, which for spine series (hundreds of slices, mostly uncompressed) costs a few ms each.
import { RASTER_SCHEME } from "@/lib/viewer/mapper";
import type { Cornerstone } from "./cs-types";
import { loadRasterImage } from "./rasterLoader";

let loading: Promise<Cornerstone> | null = null;

function defaultOf<T>(mod: { default?: T } & Record<string, unknown>): T {
  return (mod.default ?? mod) as T;
}

async function load(): Promise<Cornerstone> {
  const [coreMod, toolsMod, mathMod, hammerMod, dicomParserMod, wadoMod] = await Promise.all([
    import("cornerstone-core"),
    import("cornerstone-tools"),
    import("cornerstone-math"),
    import("hammerjs"),
    import("dicom-parser"),
    import("cornerstone-wado-image-loader/dist/cornerstoneWADOImageLoaderNoWebWorkers.bundle.min.js"),
  ]);
  const core = defaultOf<Cornerstone["core"]>(coreMod as never);
  const tools = defaultOf<Cornerstone["tools"]>(toolsMod as never);
  const wado = defaultOf<{ external: { cornerstone: unknown; dicomParser: unknown } }>(wadoMod as never);

  // Setting external.cornerstone registers the wadouri/wadors loaders and the DICOM metadata provider (pixel
  // spacing for the length tool comes from there).
  wado.external.dicomParser = defaultOf(dicomParserMod as never);
  wado.external.cornerstone = core;
  core.registerImageLoader(RASTER_SCHEME, loadRasterImage);

  tools.external.cornerstone = core;
  tools.external.cornerstoneMath = defaultOf(mathMod as never);
  tools.external.Hammer = defaultOf(hammerMod as never);
  // Touch gestures are off: reviewers use a mouse, and Hammer's touch handlers would fight the page's scrolling.
  tools.init({ mouseEnabled: true, touchEnabled: false, globalToolSyncEnabled: false, showSVGCursors: false });
  // Not a top-level export in cornerstone-tools 6; reached through its documented import() of internals.
  const scrollToIndex = tools.import("util/scrollToIndex") as Cornerstone["scrollToIndex"];
  return { core, tools, scrollToIndex };
}

/** The libraries, loaded and initialised once; a failed load may be retried. */
export function loadCornerstone(): Promise<Cornerstone> {
  if (!loading) {
    loading = load();
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}
