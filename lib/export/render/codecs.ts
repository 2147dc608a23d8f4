// The maintained WebAssembly decoders (dcmjs-codecs: libjpeg-turbo, CharLS, OpenJPEG, …), initialised once per
// process. dcmjs-imaging carries its own copy of the same module for rendering; dcmjs-codecs' is used to decode
// JPEG rasters outside DICOM.
import { createRequire } from "node:module";
import path from "node:path";
import type * as DcmjsCodecs from "dcmjs-codecs";
import type * as DcmjsImaging from "dcmjs-imaging";

// Both ship one UMD bundle whose exports Node's ESM loader cannot name statically: load them as CommonJS.
const require = createRequire(import.meta.url);

/** The package's own wasm file, located through module resolution so bundlers and workers find it alike. */
function wasmOf(pkg: "dcmjs-imaging" | "dcmjs-codecs"): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), "build", "dcmjs-native-codecs.wasm");
}

let imaging: Promise<typeof DcmjsImaging> | undefined;
let codecs: Promise<typeof DcmjsCodecs> | undefined;

export function imagingLib(): Promise<typeof DcmjsImaging> {
  imaging ??= (async () => {
    const dcmjsImaging = require("dcmjs-imaging") as typeof DcmjsImaging;
    // Both it and the dcmjs copy it parses with log warnings about odd files to the console; errors still throw.
    dcmjsImaging.log.setLevel("silent");
    type Logger = { setLevel(l: string): void; getLogger(name: string): Logger };
    const ownDcmjs = createRequire(require.resolve("dcmjs-imaging/package.json"))("dcmjs") as { log?: Logger };
    ownDcmjs.log?.setLevel("silent");
    ownDcmjs.log?.getLogger("validation.dcmjs").setLevel("silent");
    await dcmjsImaging.NativePixelDecoder.initializeAsync({ webAssemblyModulePathOrUrl: wasmOf("dcmjs-imaging") });
    return dcmjsImaging;
  })();
  return imaging;
}

/**
 * Throws the decoder module away after a failed decode. A corrupt stream can trap inside the WebAssembly code
 * ("unreachable") and leave the module's state broken, so that later good files fail or, worse, decode wrongly;
 * a fresh instance on the next render avoids both.
 */
export async function resetImagingLib(): Promise<void> {
  const current = imaging;
  imaging = undefined;
  if (!current) return;
  const lib = await current.catch(() => null);
  lib?.NativePixelDecoder.release();
}

export async function resetCodecsLib(): Promise<void> {
  const current = codecs;
  codecs = undefined;
  if (!current) return;
  const lib = await current.catch(() => null);
  lib?.NativeCodecs.release();
}

export function codecsLib(): Promise<typeof DcmjsCodecs> {
  codecs ??= (async () => {
    const dcmjsCodecs = require("dcmjs-codecs") as typeof DcmjsCodecs;
    dcmjsCodecs.log.setLevel("silent");
    await dcmjsCodecs.NativeCodecs.initializeAsync({ webAssemblyModulePathOrUrl: wasmOf("dcmjs-codecs") });
    return dcmjsCodecs;
  })();
  return codecs;
}
