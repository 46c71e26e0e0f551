export declare const HASH_FILE: string;
/** The files the hash covers, relative to `root` with forward slashes, sorted. */
export declare function bundleInputs(root: string): string[];
/** sha256 (hex) of what the bundles are built from. */
export declare function sourceHash(root: string): string;
/** null when the bundles in `distDir` (default `root`/dist) were built from the sources in `root`; otherwise a one-line reason ending in "run `npm run build`". */
export declare function staleBundleReason(root: string, distDir?: string): string | null;
/** The packages the sources import, which ncc bundles. */
export declare const BUNDLED: readonly string[];
