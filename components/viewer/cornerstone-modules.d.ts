// Ambient declarations for the untyped browser libraries the viewer loads with dynamic import() (see
// components/viewer/cornerstone.ts). The shapes live in cs-types.ts.
declare module "cornerstone-core" {
  const cornerstone: import("./cs-types").CornerstoneCore;
  export default cornerstone;
}
declare module "cornerstone-tools" {
  const cornerstoneTools: import("./cs-types").CornerstoneTools;
  export default cornerstoneTools;
}
declare module "cornerstone-math" {
  const cornerstoneMath: unknown;
  export default cornerstoneMath;
}
declare module "hammerjs" {
  const Hammer: unknown;
  export default Hammer;
}
declare module "cornerstone-wado-image-loader/dist/cornerstoneWADOImageLoaderNoWebWorkers.bundle.min.js" {
  const loader: import("./cs-types").WadoImageLoader;
  export default loader;
}
