// Typical sizes for what a Dockerfile alone cannot reveal. Each value is a named, documented
// heuristic: the basis sentence of a layer built on it says so and its confidence is low or medium.
// Sizes are decimal bytes (MB = 1 000 000), as `docker images` prints them.
import { otherJdkArchive, temurinArchive } from './jdk-archives';

export const KB = 1000;
export const MB = 1000 * 1000;
export const GB = 1000 * MB;

/** /var/lib/apt/lists after `apt-get update` in a Debian official image, per release. The images
 *  ship /etc/apt/apt.conf.d/docker-gzip-indexes (Acquire::GzipIndexes "true") and
 *  docker-no-languages, so apt keeps the indexes compressed (.lz4) and downloads no translations.
 *  Measured with scripts/data/measure-apt-lists.ts on 2026-12-03 (sources <suite>, -updates,
 *  -security, main, amd64): bookworm 19.87 MB on disk (15.21 MB gzip in the layer), trixie
 *  21.67 MB (16.62 MB); without GzipIndexes they would be 52.9 / 59.1 MB. bullseye and older
 *  releases: bookworm's figure. Ubuntu's archive is not reachable here: its lists (main,
 *  restricted, universe, multiverse; ≈ 50 MB as text) are scaled by the measured Debian
 *  compressed/text ratio (19.87 / 52.91 = 0.376) — an assumption, since Ubuntu's images ship the
 *  same docker-gzip-indexes file. */
export const APT_LISTS_BYTES: Record<string, number> = {
  bookworm: 19.87 * MB,
  trixie: 21.67 * MB,
  bullseye: 19.87 * MB,
  default: 19.87 * MB,
  ubuntu: 18.8 * MB,
};

/** /var/cache/apk after `apk update` / `apk add` without --no-cache: APKINDEX of main + community. */
export const APK_INDEX_BYTES = 2.6 * MB;
/** dnf/yum metadata cache (/var/cache/dnf) for a UBI/Rocky/Fedora repo set: tens of MB. */
export const RPM_CACHE_BYTES = 60 * MB;
/** dpkg/apk bookkeeping per installed package (status entry, .list, .md5sums, debconf, ldconfig). */
export const DPKG_PER_PACKAGE_BYTES = 9 * KB;
/** Each install layer rewrites the package database whole: /var/lib/dpkg/status (≈ 0.5 MB on a
 *  Debian base) plus apt's extended_states and logs; /lib/apk/db/installed (≈ 0.2 MB on Alpine);
 *  the rpmdb sqlite (several MB). */
export const DPKG_DB_REWRITE_BYTES = 0.6 * MB;
export const APK_DB_REWRITE_BYTES = 0.25 * MB;
export const RPM_DB_REWRITE_BYTES = 4 * MB;
/** A requested OS package missing from the tables: the median Debian package with its new deps. */
export const UNKNOWN_OS_PACKAGE_BYTES = 6 * MB;

/** An apk package with no measured size and no Debian equivalent: a visible guess (low confidence). */
export const APK_UNKNOWN_PACKAGE_BYTES = 3 * MB;

// --- language dependencies -------------------------------------------------------------------

/** node_modules of an unknown package.json: production ≈ 60 MB is the typical Express/Nest API
 *  (seeds: "Node.js Express app 60-100 MB" on alpine ≈ 50 MB base); with devDependencies (TypeScript,
 *  a bundler, a test runner, linters) 2.5–3× more (seeds: "dev deps +200-500MB", history lines of
 *  412 MB and 650 MB for `npm install`): 170 MB. */
export const NODE_MODULES_PROD = 60 * MB;
export const NODE_MODULES_DEV = 170 * MB;
/** npm's _cacache after an install that resolves versions (`npm install -g X`, `npm install X`):
 *  every tarball plus every package's registry metadata (packuments, often larger than the code).
 *  Measured with scripts/data/measure-savings.ts on 2026-12-03 (real `npm install -g` of
 *  typescript, nodemon, pm2, serve, @nestjs/cli, @angular/cli into a scratch prefix and cache):
 *  cache ÷ installed tree = 0.57–1.41, median 0.96. */
export const NPM_CACHE_FRACTION_RESOLVED = 0.96;
/** With a lockfile (`npm ci`) npm fetches the tarballs by their resolved URLs and no packuments:
 *  ≈ node_modules ÷ 3.3 (tgz of JS text). Not measured here (assumption). */
export const NPM_CACHE_FRACTION = 0.3;
/** yarn v1 keeps unpacked copies of every package in its cache: ≈ the size of node_modules. */
export const YARN_CACHE_FRACTION = 0.9;
/** One named npm package with its dependency tree (npm install express ≈ 2 MB, typescript 23 MB). */
export const NPM_NAMED_PACKAGE_BYTES = 5 * MB;
/** Well-known npm packages installed by name (global tools mostly), node_modules size with deps. */
export const NPM_TYPICAL: Record<string, number> = {
  typescript: 23 * MB,
  'ts-node': 28 * MB,
  pm2: 30 * MB,
  nodemon: 6 * MB,
  yarn: 5.5 * MB,
  pnpm: 18 * MB,
  npm: 12 * MB,
  serve: 5 * MB,
  'http-server': 4 * MB,
  express: 2.2 * MB,
  '@nestjs/cli': 70 * MB,
  '@angular/cli': 60 * MB,
  next: 120 * MB,
  puppeteer: 25 * MB,
  prisma: 40 * MB,
};

/** site-packages of an unknown requirements.txt: a Flask/FastAPI/Django service with a database
 *  driver and a few libraries ≈ 50 MB (data-science stacks are 300 MB – 1 GB: named packages below). */
export const PY_SITE_PACKAGES_TYPICAL = 50 * MB;
/** pip's wheel cache ≈ the downloaded wheels ≈ site-packages ÷ 2.5 (zip of mixed text/binary). */
export const PIP_CACHE_FRACTION = 0.4;
/** A named PyPI package not in the table, with its dependencies. */
export const PY_NAMED_PACKAGE_BYTES = 4 * MB;
/** Installed sizes of well-known wheels (manylinux x86_64, with their vendored libraries). */
export const PY_TYPICAL: Record<string, number> = {
  numpy: 60 * MB,
  pandas: 70 * MB,
  scipy: 110 * MB,
  'scikit-learn': 45 * MB,
  matplotlib: 40 * MB,
  torch: 800 * MB, // CPU wheel; the CUDA wheel with nvidia-* deps is 4–5 GB
  tensorflow: 1.2 * GB,
  opencv: 90 * MB,
  'opencv-python': 90 * MB,
  'opencv-python-headless': 60 * MB,
  django: 11 * MB,
  flask: 4 * MB,
  fastapi: 14 * MB,
  uvicorn: 3 * MB,
  gunicorn: 1 * MB,
  requests: 1.5 * MB,
  boto3: 95 * MB,
  'psycopg2-binary': 8 * MB,
  psycopg2: 1.5 * MB,
  sqlalchemy: 12 * MB,
  pillow: 12 * MB,
  cryptography: 10 * MB,
  pydantic: 8 * MB,
  grpcio: 15 * MB,
  transformers: 80 * MB,
  pip: 12 * MB,
  setuptools: 5 * MB,
  wheel: 0.3 * MB,
  poetry: 35 * MB,
  pipenv: 30 * MB,
  uv: 35 * MB,
};
/** `python -m venv`: the venv skeleton with its own pip. */
export const VENV_BYTES = 20 * MB;

/** Go: module cache of a typical service (`go mod download`), the build cache that `go build`
 *  fills under ~/.cache/go-build (object archives of every package compiled: ≈ 1.5× the module
 *  sources), and the binary (a web service with a few deps: 15 MB; `-ldflags "-s -w"` strips
 *  DWARF and the symbol table: ≈ 30% smaller). */
export const GO_MOD_CACHE = 100 * MB;
export const GO_BUILD_CACHE = 150 * MB;
export const GO_BINARY = 15 * MB;
export const GO_STRIP_FACTOR = 0.7;

/** Rust: ~/.cargo/registry of a typical service (index + crate sources), target/ after a release
 *  build (rlibs of every dependency, incremental data off in release) and a debug build, and the
 *  release binary (8 MB: seeds' "Rust 1.5 GB → 8 MB"). */
export const CARGO_REGISTRY = 200 * MB;
/**
 * `rustup-init --profile minimal` (rustc, cargo, the standard library): the rust images' own
 * rustup layer, compressed, from docker-library/repo-info — rust:1 (Rust 1.98.0, glibc)
 * 213,837,202 B, repos/rust/remote/1.md@0586660a66b9371b7f2ee04942223534b0462178; rust:1-alpine
 * (musl) 270,190,373 B, repos/rust/remote/1-alpine.md@0db03f6ce992b3d4c9d4cad41df56a2ffe4908dc.
 * On disk as that × 3.0, the toolchain compression ratio (ratios.ts), so the layer compresses back
 * to the published figure.
 */
export const RUST_MINIMAL_TOOLCHAIN = { glibc: 213.84 * MB * 3, musl: 270.19 * MB * 3 };
/** The default profile adds the docs, clippy and rustfmt: the typical figure of sh.rustup.rs below. */
export const RUST_DEFAULT_TOOLCHAIN = 900 * MB;
export const CARGO_TARGET_RELEASE = 600 * MB;
export const CARGO_TARGET_DEBUG = 1.2 * GB;
export const RUST_BINARY = 8 * MB;

/** Java: ~/.m2 after `mvn package` of a Spring Boot service (plugins + dependencies: 150–400 MB),
 *  ~/.gradle (wrapper distribution ≈ 130 MB + caches), the fat jar, and target/ besides the jar. */
export const MAVEN_REPO = 180 * MB;
export const GRADLE_CACHE = 300 * MB;
export const JAR_BYTES = 30 * MB;
export const JAVA_BUILD_TREE = 12 * MB;

/** jlink runtimes, measured on the build machine (2026-12-02) with `--strip-debug --no-man-pages
 *  --no-header-files` and no --compress: on-disk bytes of the output folder (`du -sb`), for the
 *  JDKs at hand — OpenJDK 17.0.15 (Debian's build) for Java ≤ 17 and Temurin 25.0.3 for later ones.
 *  `java.base` alone, `java.se` (every Java SE module), nine modules a Spring Boot service commonly
 *  needs (java.base, logging, management, naming, security.jgss, instrument, sql, net.http,
 *  jdk.unsupported), and every module (ALL-MODULE-PATH on 17; on 25, whose JDK has no jmods, every
 *  module but jdk.jlink and jdk.jpackage). */
export const JLINK_RUNTIME: Record<'17' | '25', { base: number; typical: number; se: number; all: number }> =
  {
    '17': { base: 45_880_531, typical: 60_209_104, se: 82_072_904, all: 143_975_845 },
    '25': { base: 57_680_504, typical: 73_999_636, se: 101_572_600, all: 178_172_819 },
  };
/** On-disk ÷ gzip of the java.se runtime (Temurin 25: 101.6 MB / 33.2 MB). */
export const JLINK_RATIO = 3.05;
/** Without --strip-debug the runtime keeps its debug attributes: java.se 112.5 MB vs 101.6 MB. */
export const JLINK_DEBUG_FACTOR = 1.11;
/** --compress=zip-6 (or 2): java.se 67.3 MB on disk (× 0.66) but 41.3 MB gzip (× 1.24), because
 *  zipped class files do not compress again. */
export const JLINK_ZIP_DISK = 0.66;
export const JLINK_ZIP_GZIP = 1.24;

/** .NET: ~/.nuget/packages after restore, publish output (framework-dependent ASP.NET app),
 *  obj/ + bin/ left in the project. */
export const NUGET_CACHE = 150 * MB;
export const DOTNET_PUBLISH = 40 * MB;
export const DOTNET_BUILD_TREE = 40 * MB;

/** JS build output of `npm run build` / `tsc`: an SPA or API bundle (a few MB). */
export const JS_DIST = 5 * MB;
/** A C/C++ `make` build tree of unknown size. */
export const MAKE_OUTPUT = 30 * MB;

/** PHP composer vendor/ (Laravel ≈ 60 MB with dev, 40 MB without) and cache. */
export const COMPOSER_VENDOR_DEV = 60 * MB;
export const COMPOSER_VENDOR_PROD = 40 * MB;
export const COMPOSER_CACHE_FRACTION = 0.5;
/** Ruby: installed gems of a Rails app and the .gem files bundler keeps in vendor/cache. */
export const GEMS_BYTES = 120 * MB;
export const GEM_CACHE_FRACTION = 0.25;

/** A download whose content we cannot identify. */
export const UNKNOWN_DOWNLOAD = 20 * MB;
/** Unpacked ÷ packed for archives of unknown content, by format. */
export const EXTRACT_FACTOR: Record<string, number> = {
  gz: 3,
  tgz: 3,
  xz: 4.5,
  bz2: 4,
  zst: 4,
  zip: 2.5,
  tar: 1,
};
/** A `git clone` of an unknown repository (working tree + .git). */
export const GIT_CLONE = 30 * MB;
/** `COPY --from=<stage>` of a path no layer of that stage created and the base is unknown. */
export const UNKNOWN_BASE_PATH = 5 * MB;

/** Toolchains fetched as tarballs (official linux-x64 builds). `archive` is the file's size,
 *  `installed` the unpacked size; where the catalog publishes an image made of that step the
 *  numbers come from it (node: node:22-slim − debian:bookworm-slim; go: golang:1.26-alpine's
 *  COPY /target/ layer with alpine subtracted). */
export interface Toolchain {
  name: string;
  pattern: RegExp;
  archive: number;
  installed: number;
  /** Source tarballs: what `make install` of the built tree adds to /usr/local. */
  builtInstall?: number;
  /** On-disk ÷ compressed of the unpacked tree, where the catalog shows it (else RATIOS.toolchain). */
  ratio?: number;
  /** On-disk ÷ compressed of what `make install` adds, where measured (else RATIOS.toolchain). */
  builtRatio?: number;
  /** The download is the program itself, not an archive: it compresses like a binary. */
  binary?: true;
}
/** The architecture in a release binary's name: a literal one, or a variable the script computed
 *  it into (`$dpkgArch`, `${ARCH}`, `$gosuArch`, `$TARGETARCH`; findToolchain reads a command
 *  substitution such as `$(dpkg --print-architecture)` as `$ARCH`). */
const ARCH = String.raw`(?:amd64|x86_64|x86-64|x64|arm64|aarch64|armhf|armel|i386|ppc64el|s390x|\$\{?\w*arch\w*\}?)`;

/** A single-binary download (gosu, tini): the binary's name, optionally `-<arch>`, ending the URL
 *  or the saved file's name (`wget -O /usr/local/bin/gosu "…/gosu-$dpkgArch"`). */
function releaseBinary(name: string): RegExp {
  return new RegExp(String.raw`(^|/)${name}(-${ARCH})?$`, 'i');
}

export const TOOLCHAINS: Toolchain[] = [
  // Self-extracting installers: the archive is the .sh; `bash installer.sh -b -p DIR` unpacks it.
  {
    name: 'Miniconda/Miniforge installer',
    pattern: /(Miniconda|Anaconda|Miniforge|Mambaforge)[\w.${}-]*\.sh/i,
    archive: 140 * MB,
    installed: 450 * MB,
  },
  {
    name: 'Node.js source',
    pattern: /node-v[\d.$A-Za-z_{}]*\.tar\.(xz|gz)$/,
    archive: 45 * MB,
    installed: 300 * MB,
    builtInstall: 146 * MB,
  },
  {
    name: 'Node.js',
    pattern: /node-v[\d.$A-Za-z_{}-]*-linux-[\w${}-]+\.tar\.(xz|gz)/,
    archive: 29 * MB,
    installed: 146 * MB,
  },
  {
    name: 'Go',
    // golang:1.26-alpine: COPY /target/ layer 67.3 MB compressed for ≈ 233 MB on disk (catalog).
    ratio: 3.46,
    pattern: /\bgo[\d.$A-Za-z_{}]*\.linux-[\w${}]+\.tar\.gz/,
    archive: 75 * MB,
    installed: 233 * MB,
  },
  {
    // Built and installed: python:3.12-slim 119.2 MB − debian:trixie-slim 78.6 MB − its 3.5 MB
    // ca-certificates/tzdata layer ≈ 37 MB (catalog).
    name: 'Python source',
    builtInstall: 37 * MB,
    pattern: /(Python-[\w.${}-]*|python)\.t(ar\.)?(xz|gz)/,
    archive: 21 * MB,
    installed: 110 * MB,
  },
  {
    // Built and installed: ruby:3.4.10-alpine3.24 (repo-info local/3.4-alpine3.24.md@14d0458)
    // is 77.03 MB on disk − alpine:3.24's 8.42 MB − its runtime packages (gmp, libffi, libgcc,
    // yaml: 0.74 MB) ≈ 67.9 MB in /usr/local; with those packages it is the 39.2 MB build layer
    // of repos/ruby/remote/3.4-alpine.md: 68.6 / 39.2 ≈ 1.75 (the bundled gems' .gem files are
    // already compressed). The tarball itself is not measured: the generic guess and xz factor.
    name: 'Ruby source',
    builtInstall: 67.9 * MB,
    builtRatio: 1.75,
    pattern: /(^|\/)ruby(-\d[\w.]*)?\.tar\.(xz|gz)$/,
    archive: UNKNOWN_DOWNLOAD,
    installed: UNKNOWN_DOWNLOAD * 4.5,
  },
  // Temurin JDK/JRE archives: by Java version, from published layers (jdk-archives.ts).
  {
    // The upstream tarball, as Debian's source packages carry it (orig.tar.xz in the Sources
    // index, 2026-12-04): php8.2 8.2.32 12.2 MB, php8.4 8.4.27 13.9 MB. The official php images
    // save it as /usr/src/php.tar.xz; its unpacked tree is built and deleted in a later layer.
    name: 'PHP source',
    pattern: /(^|\/)php(-\d[\w.]*)?\.tar\.(xz|gz|bz2)$/,
    archive: 13 * MB,
    installed: 150 * MB,
  },
  {
    name: 'Apache Maven',
    pattern: /apache-maven-[\w.${}-]*-bin\.(tar\.gz|zip)/,
    archive: 9 * MB,
    installed: 10.5 * MB,
  },
  { name: 'Gradle', pattern: /gradle-[\w.${}-]*-(bin|all)\.zip/, archive: 135 * MB, installed: 150 * MB },
  { name: 'rustup', pattern: /(sh\.rustup\.rs|rustup-init)/, archive: 20 * MB, installed: 900 * MB },
  {
    name: 'kubectl',
    pattern: releaseBinary('kubectl'),
    archive: 55 * MB,
    installed: 55 * MB,
    binary: true,
  },
  { name: 'Helm', pattern: /helm-v[\w.${}-]*\.tar\.gz/, archive: 16 * MB, installed: 52 * MB },
  { name: 'Terraform', pattern: /terraform_[\w.${}-]*\.zip/, archive: 27 * MB, installed: 88 * MB },
  { name: 'AWS CLI', pattern: /awscli-exe-linux-[\w${}]+\.zip/, archive: 60 * MB, installed: 230 * MB },
  { name: 'Yarn', pattern: /yarn-v[\w.${}-]*\.tar\.gz$/, archive: 1.3 * MB, installed: 5.3 * MB },
  // Signatures, checksums, keys and scripts; configuration, pages, patches and licence texts
  // (caddy's Caddyfile and index.html, Corretto's THIRD-PARTY-LICENSES tarball): a few KB.
  {
    name: 'small file',
    pattern:
      /(\.(asc|sig|sha256|sha512|sha256sum|md5|txt|pub|gpg|key|json|html?|css|conf|cfg|ini|toml|ya?ml|xml|patch|diff|md)|(^|\/)[A-Z][a-z]+file|(^|\/)(THIRD-PARTY-)?(LICEN[SC]ES?|NOTICE|README)[\w.${}-]*)(\?.*)?$/,
    archive: 10 * KB,
    installed: 10 * KB,
  },
  // Repository setup scripts (NodeSource's setup_20.x, packagecloud's script.deb.sh) add a package
  // source and its key; the packages come with the install that follows.
  {
    name: 'a package source (repository setup script)',
    pattern:
      /nodesource\.com\/setup_|\/setup_(\d+|lts|current)\.x$|packagecloud\.io\/.*\/script\.(deb|rpm)\.sh/,
    archive: 20 * KB,
    installed: 100 * KB,
  },
  { name: 'get-pip.py', pattern: /get-pip\.py/, archive: 2.5 * MB, installed: 2.5 * MB },
  {
    name: 'tini',
    pattern: releaseBinary('tini(-static)?'),
    archive: 0.9 * MB,
    installed: 0.9 * MB,
    binary: true,
  },
  { name: 'dumb-init', pattern: /dumb-init/, archive: 0.05 * MB, installed: 0.05 * MB },
  {
    name: 'gosu',
    pattern: releaseBinary('gosu'),
    archive: 2.3 * MB,
    installed: 2.3 * MB,
    binary: true,
  },
];

export function findToolchain(url: string): Toolchain | null {
  // A command substitution in the name (`Miniconda3-latest-Linux-$(uname -m).sh`) is a value
  // computed at build time, like a variable: the patterns see it as one.
  const name = url.replace(/\$\(([^()]|\([^()]*\))*\)/g, (sub) =>
    /arch|uname/i.test(sub) ? '$ARCH' : '$VALUE',
  );
  const jdk = temurinArchive(name) ?? otherJdkArchive(name);
  if (jdk) return jdk;
  for (const t of TOOLCHAINS) if (t.pattern.test(name)) return t;
  return null;
}

/** Files from base images that builder stages commonly hand to scratch/distroless stages. */
export const KNOWN_BASE_PATHS: { pattern: RegExp; bytes: number; what: string }[] = [
  {
    pattern: /^\/etc\/ssl\/certs\/ca-certificates\.crt$/,
    bytes: 220 * KB,
    what: 'the CA certificate bundle',
  },
  { pattern: /^\/etc\/ssl\/certs\/?$/, bytes: 600 * KB, what: 'the CA certificates folder' },
  { pattern: /^\/usr\/share\/zoneinfo\/?$/, bytes: 3.3 * MB, what: 'the tz database' },
  { pattern: /^\/usr\/share\/zoneinfo\/.+/, bytes: 3 * KB, what: 'one time zone file' },
  {
    pattern: /^\/etc\/(passwd|group|shadow|nsswitch\.conf|hosts)$/,
    bytes: 2 * KB,
    what: 'a small system file',
  },
  { pattern: /^\/(usr\/)?bin\/[^/]+$/, bytes: 1 * MB, what: 'one program' },
  { pattern: /^\/usr\/local\/go\/?$/, bytes: 233 * MB, what: 'the Go toolchain' },
  {
    pattern: /^\/usr\/local\/lib\/python3\.\d+\/site-packages\/?$/,
    bytes: 15 * MB,
    what: "the base image's site-packages (pip, setuptools)",
  },
  { pattern: /^\/usr\/local\/bin\/?$/, bytes: 1 * MB, what: "the base image's /usr/local/bin scripts" },
];
