// Other families' package names in Debian's terms (apk, rpm → deb), and the size factor each
// family's packages take against Debian's, for the families sized through the Debian tables.
import type { DebianIndex } from './packages';

/**
 * apk/rpm package names → Debian package names, for the approximation of non-Debian families.
 * Only names that differ; anything else is tried as-is, then with -dev/-devel suffix rules.
 */
const FOREIGN_TO_DEBIAN: Record<string, string[]> = {
  'build-base': ['build-essential'],
  'alpine-sdk': ['build-essential', 'git'],
  'libc-dev': ['libc6-dev'],
  'musl-dev': ['libc6-dev'],
  'linux-headers': ['linux-libc-dev'],
  'openssl-dev': ['libssl-dev'],
  'openssl-devel': ['libssl-dev'],
  'libffi-devel': ['libffi-dev'],
  'zlib-devel': ['zlib1g-dev'],
  'zlib-dev': ['zlib1g-dev'],
  'postgresql-dev': ['libpq-dev'],
  'postgresql-libs': ['libpq5'],
  'libpq-devel': ['libpq-dev'],
  libpq: ['libpq5'],
  'mariadb-dev': ['libmariadb-dev'],
  'mariadb-connector-c-dev': ['libmariadb-dev'],
  'mysql-devel': ['default-libmysqlclient-dev'],
  'jpeg-dev': ['libjpeg-dev'],
  'libjpeg-turbo-dev': ['libjpeg-dev'],
  'libjpeg-turbo-devel': ['libjpeg-dev'],
  'py3-pip': ['python3-pip'],
  'py-pip': ['python3-pip'],
  'python3-devel': ['python3-dev'],
  'gcc-c++': ['g++'],
  'g++': ['g++'],
  'nodejs-current': ['nodejs'],
  chromium: ['chromium'],
  'procps-ng': ['procps'],
  shadow: ['passwd'],
  'shadow-utils': ['passwd'],
  iputils: ['iputils-ping'],
  'bind-tools': ['bind9-dnsutils'],
  'bind-utils': ['bind9-dnsutils'],
  openssh: ['openssh-client', 'openssh-server'],
  'openssh-clients': ['openssh-client'],
  'ttf-dejavu': ['fonts-dejavu-core'],
  'font-noto': ['fonts-noto-core'],
  'libstdc++': ['libstdc++6'],
  libgcc: ['libgcc-s1'],
  'ca-certificates-bundle': ['ca-certificates'],
  musl: ['libc6'],
  libssl3: ['libssl3t64'],
  libcrypto3: ['libssl3t64'],
  zlib: ['zlib1g'],
  'zstd-libs': ['libzstd1'],
  'brotli-libs': ['libbrotli1'],
  'nghttp2-libs': ['libnghttp2-14'],
  'xz-libs': ['liblzma5'],
  xz: ['xz-utils'],
  mailcap: ['media-types'],
  setpriv: ['util-linux'],
  libcap: ['libcap2-bin'],
  // glibc compatibility shims: their Debian equivalent is glibc itself.
  'libc6-compat': ['libc6'],
  gcompat: ['libc6'],
  'su-exec': ['gosu'],
  'imagemagick-dev': ['libmagickwand-dev'],
  'vips-dev': ['libvips-dev'],
  vips: ['libvips42t64'],
  'geos-dev': ['libgeos-dev'],
  'gdal-dev': ['libgdal-dev'],
  'xz-dev': ['liblzma-dev'],
  'bzip2-dev': ['libbz2-dev'],
  'readline-dev': ['libreadline-dev'],
  'sqlite-dev': ['libsqlite3-dev'],
  sqlite: ['sqlite3'],
  'yaml-dev': ['libyaml-dev'],
  'libxml2-dev': ['libxml2-dev'],
  'libxslt-dev': ['libxslt1-dev'],
  'cairo-dev': ['libcairo2-dev'],
  'pango-dev': ['libpango1.0-dev'],
  'giflib-dev': ['libgif-dev'],
  'freetype-dev': ['libfreetype-dev'],
  'libpng-dev': ['libpng-dev'],
  'libwebp-dev': ['libwebp-dev'],
  tzdata: ['tzdata'],
  'dumb-init': ['dumb-init'],
  tini: ['tini'],
  git: ['git'],
  bash: ['bash'],
  curl: ['curl'],
  wget: ['wget'],
  python3: ['python3'],
  nodejs: ['nodejs'],
  npm: ['npm'],
  ffmpeg: ['ffmpeg'],
  'java-17-openjdk': ['openjdk-17-jre-headless'],
  'java-17-openjdk-devel': ['openjdk-17-jdk-headless'],
  'java-21-openjdk': ['openjdk-21-jre-headless'],
  'java-21-openjdk-devel': ['openjdk-21-jdk-headless'],
  'openjdk17-jre': ['openjdk-17-jre-headless'],
  openjdk17: ['openjdk-17-jdk-headless'],
  'openjdk21-jre': ['openjdk-21-jre-headless'],
  openjdk21: ['openjdk-21-jdk-headless'],
};

/**
 * Size factors applied to the Debian figure for families without a reachable index (assumptions,
 * documented in PROVENANCE.md): rpm packages are about the size of Debian's; Wolfi, like Alpine,
 * builds smaller packages. Alpine's own ratio is measured (src/data/alpine-packages.json).
 */
export const FOREIGN_FACTOR: Record<'wolfi' | 'rhel', number> = {
  wolfi: 0.7,
  rhel: 1.0,
};

export function toDebianNames(name: string, ix: DebianIndex): string[] | null {
  const n = name
    .trim()
    .toLowerCase()
    .replace(/[=<>~][\s\S]*$/, '');
  if (FOREIGN_TO_DEBIAN[n]) return FOREIGN_TO_DEBIAN[n];
  if (ix.has(n)) return [n];
  const dev = /^(.*?)-(dev|devel)$/.exec(n);
  if (dev) {
    for (const c of [`lib${dev[1]}-dev`, `${dev[1]}-dev`, `lib${dev[1].replace(/^lib/, '')}-dev`])
      if (ix.has(c)) return [c];
  }
  if (n.startsWith('py3-') && ix.has(`python3-${n.slice(4)}`)) return [`python3-${n.slice(4)}`];
  if (ix.has(`lib${n}`)) return [`lib${n}`];
  return null;
}
