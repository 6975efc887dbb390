// Compression ratios per content type: on-disk bytes ÷ gzip-compressed layer bytes.
//
// A registry stores each layer as a gzip'd tar; `docker images` reports the unpacked size. One
// global ratio would be wrong by a factor of 3 between text (JS, Python, headers) and content that
// is already compressed (npm/pip caches hold .tgz/.whl files, jars are zips). Where the ratio comes
// from is noted beside each value; "catalog" means docker-library/repo-info records that publish
// both sizes (../shared/data/repo-info/README.md: 32 records, 2.15–3.47×, median ≈ 2.7×).

export type ContentKind =
  | 'os-packages' // files of installed .deb/.rpm packages
  | 'apk-packages'
  | 'apt-lists'
  | 'apt-archives'
  | 'apk-cache'
  | 'rpm-cache'
  | 'pip-cache'
  | 'site-packages'
  | 'venv'
  | 'npm-cache'
  | 'yarn-cache'
  | 'pnpm-store'
  | 'node_modules'
  | 'go-build-cache'
  | 'go-mod-cache'
  | 'cargo-registry'
  | 'cargo-target'
  | 'maven-repo'
  | 'gradle-cache'
  | 'nuget-cache'
  | 'vendor' // composer vendor/, bundler gems
  | 'gem-cache'
  | 'composer-cache'
  | 'conda-pkgs'
  | 'toolchain' // language runtimes and SDKs unpacked from a tarball
  | 'binary' // a compiled executable
  | 'jar'
  | 'java-runtime' // a jlink-ed Java runtime
  | 'dist' // JS/CSS bundles, transpiled output
  | 'dotnet-publish'
  | 'build-output' // object files, generic build trees
  | 'download' // an archive or file fetched over the network
  | 'extracted' // an unpacked archive of unknown content
  | 'context' // source files copied from the build context
  | 'git' // the .git folder
  | 'metadata' // users, small config files, dpkg status growth
  | 'base-file' // files of a base image copied with COPY --from
  | 'other';

/** on-disk ÷ compressed. */
export const RATIOS: Record<ContentKind, number> = {
  // Debian/Ubuntu layers in the catalog: debian:bookworm 116.6/48.5 = 2.40, trixie 2.43, python:3.12
  // 2.70, node:22 2.77, golang:1.26 2.80 (toolchain-heavy images compress better): 2.6 in between.
  'os-packages': 2.6,
  // Measured (scripts/data/measure-apk-ratio.ts): published apk layers sized from measured apk
  // installed sizes, median over 8 distinct layers 2.03 (fonts 1.83, certificates 1.93, gcc 2.60).
  'apk-packages': 2.03,
  // The official images keep the indexes lz4-compressed (docker-gzip-indexes): the layer's gzip
  // shrinks them only a little. Measured (scripts/data/measure-apt-lists.ts): bookworm 19.87 MB on
  // disk / 15.21 MB gzip = 1.31, trixie 21.67 / 16.62 = 1.30.
  'apt-lists': 1.3,
  // .deb files are ar archives of xz/gzip tarballs: already compressed.
  'apt-archives': 1.02,
  // APKINDEX.tar.gz files: already compressed.
  'apk-cache': 1.02,
  // repodata: sqlite databases and xml, partly compressed (.zst/.gz files kept beside).
  'rpm-cache': 1.6,
  // Wheels are zip files: already compressed.
  'pip-cache': 1.05,
  // .py sources, .pyc and compiled extensions: text-heavy with large .so files; python:3.12-slim
  // on top of debian is 44.4 MB on disk / 15.0 MB compressed ≈ 2.96 (catalog): 3.0.
  'site-packages': 3.0,
  venv: 3.0,
  // npm's _cacache holds the registry .tgz tarballs: already compressed.
  'npm-cache': 1.05,
  // yarn v1 cache holds unpacked packages (text) plus metadata.
  'yarn-cache': 3.3,
  'pnpm-store': 3.3,
  // JS/TS sources, JSON, maps, a few native .node binaries: node:22-alpine's node layer
  // (text + one big binary) is ≈ 2.8; pure JS trees compress 3.5–4×: 3.5.
  node_modules: 3.5,
  // Go object archives (.a), gzip ≈ 3×.
  'go-build-cache': 3.0,
  // Go module sources: text (plus zip files of each module: half the bytes are zips).
  'go-mod-cache': 2.2,
  // Crate sources (text) plus the .crate files (gzip): similar to the Go module cache.
  'cargo-registry': 2.2,
  // rlibs, object files, incremental data: ≈ 3×.
  'cargo-target': 3.0,
  // Jars are zip files.
  'maven-repo': 1.1,
  'gradle-cache': 1.15,
  // nupkg (zip) plus extracted DLLs.
  'nuget-cache': 1.8,
  // composer vendor/ (PHP text), gems (Ruby text + native ext).
  vendor: 3.3,
  'gem-cache': 1.05,
  // composer keeps downloaded zip dists.
  'composer-cache': 1.1,
  // conda's pkgs/ keeps both the .conda/.tar.bz2 archives and their unpacked copies.
  'conda-pkgs': 1.8,
  // golang:1.26-alpine: the /usr/local/go COPY layer is 67.3 MB compressed for ≈233 MB on disk
  // (241.4 − 8.4 alpine) ≈ 3.46; node:22-slim's node layer ≈ 146/49.9 ≈ 2.9 (catalog): 3.0.
  toolchain: 3.0,
  // Statically linked executables (Go, Rust): gzip −6 typically gives 2.2–2.8×.
  binary: 2.5,
  jar: 1.05,
  // A jlink runtime without --compress (lib/modules and libjvm.so): measured 3.05× (heuristics.ts).
  'java-runtime': 3.05,
  // Minified JS/CSS/HTML bundles plus images: 3×.
  dist: 3.0,
  // IL DLLs plus native host: ≈ 2.5×.
  'dotnet-publish': 2.5,
  'build-output': 2.8,
  download: 1.02,
  extracted: 2.7,
  // Source trees: mostly text with some images: 3.5×.
  context: 3.5,
  // .git holds zlib-compressed objects and packfiles.
  git: 1.1,
  metadata: 4,
  'base-file': 2.7,
  // The catalog's median (repo-info README): 2.7×.
  other: 2.7,
};

export function compressed(bytes: number, kind: ContentKind): number {
  if (bytes <= 0) return 0;
  return Math.max(1, Math.round(bytes / RATIOS[kind]));
}
