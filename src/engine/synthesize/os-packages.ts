// OS packages: what the builder needs versus what the running app needs.
import { type StageFacts } from './stage-facts';
import { effectsAt } from './command-effects';
import { runLine } from './writing';

const BUILD_ONLY = new Set([
  'build-essential',
  'gcc',
  'g++',
  'cpp',
  'clang',
  'make',
  'cmake',
  'ninja-build',
  'autoconf',
  'automake',
  'libtool',
  'pkg-config',
  'pkgconf',
  'pkgconfig',
  'git',
  'musl-dev',
  'linux-headers',
  'python3-dev',
  'python-dev',
  'alpine-sdk',
  'build-base',
  'gfortran',
  'bison',
  'flex',
  'swig',
  'rustc',
  'cargo',
  'golang',
  'golang-go',
  'go',
  'maven',
  'gradle',
  'unzip',
  'patch',
  'dpkg-dev',
  'software-properties-common',
  'gnupg',
  'gnupg2',
  'apt-transport-https',
  'lsb-release',
]);

/** Development package → the runtime library the built code loads (Debian bookworm names). */
const APT_RUNTIME: Record<string, string> = {
  'libpq-dev': 'libpq5',
  'libffi-dev': 'libffi8',
  'libssl-dev': 'libssl3',
  'libxml2-dev': 'libxml2',
  'libxslt1-dev': 'libxslt1.1',
  'libxslt-dev': 'libxslt1.1',
  'libjpeg-dev': 'libjpeg62-turbo',
  'libjpeg62-turbo-dev': 'libjpeg62-turbo',
  'libpng-dev': 'libpng16-16',
  'zlib1g-dev': 'zlib1g',
  'default-libmysqlclient-dev': 'libmariadb3',
  'libmariadb-dev': 'libmariadb3',
  'libmariadb-dev-compat': 'libmariadb3',
  'libmysqlclient-dev': 'libmariadb3',
  'libsqlite3-dev': 'libsqlite3-0',
  'libcurl4-openssl-dev': 'libcurl4',
  'libgeos-dev': 'libgeos-c1v5',
  'libmagic-dev': 'libmagic1',
  'libyaml-dev': 'libyaml-0-2',
  'libbz2-dev': 'libbz2-1.0',
  'libreadline-dev': 'libreadline8',
  'libncurses-dev': 'libncursesw6',
  'libncurses5-dev': 'libncursesw6',
  'libsasl2-dev': 'libsasl2-2',
  'libldap2-dev': 'libldap-2.5-0',
  'libzmq3-dev': 'libzmq5',
  'libwebp-dev': 'libwebp7',
  'libtiff-dev': 'libtiff6',
  'libtiff5-dev': 'libtiff6',
  'libfreetype6-dev': 'libfreetype6',
  'liblcms2-dev': 'liblcms2-2',
  'libopenjp2-7-dev': 'libopenjp2-7',
  'libgmp-dev': 'libgmp10',
  'libpcre3-dev': 'libpcre3',
  'libevent-dev': 'libevent-2.1-7',
  'libboost-all-dev': '',
  'libprotobuf-dev': 'libprotobuf32',
  'libgl1-mesa-dev': 'libgl1',
  'libglib2.0-dev': 'libglib2.0-0',
  'libcairo2-dev': 'libcairo2',
  'libpango1.0-dev': 'libpango-1.0-0',
  'libgdal-dev': 'gdal-bin',
  'libkrb5-dev': 'libkrb5-3',
  'libaio-dev': 'libaio1',
  'libsnappy-dev': 'libsnappy1v5',
  'liblzma-dev': 'liblzma5',
  'libzstd-dev': 'libzstd1',
  'libopenblas-dev': 'libopenblas0',
  'liblapack-dev': 'liblapack3',
  'libblas-dev': 'libblas3',
  'unixodbc-dev': 'unixodbc',
  'libre2-dev': 'libre2-9',
};

const APK_RUNTIME: Record<string, string> = {
  'postgresql-dev': 'libpq',
  'libpq-dev': 'libpq',
  'libffi-dev': 'libffi',
  'openssl-dev': 'libssl3',
  'libressl-dev': 'libssl3',
  'jpeg-dev': 'libjpeg-turbo',
  'libjpeg-turbo-dev': 'libjpeg-turbo',
  'zlib-dev': 'zlib',
  'libxml2-dev': 'libxml2',
  'libxslt-dev': 'libxslt',
  'mariadb-dev': 'mariadb-connector-c',
  'mariadb-connector-c-dev': 'mariadb-connector-c',
  'sqlite-dev': 'sqlite-libs',
  'curl-dev': 'libcurl',
  'yaml-dev': 'yaml',
  'libpng-dev': 'libpng',
  'freetype-dev': 'freetype',
  'libwebp-dev': 'libwebp',
  'tiff-dev': 'tiff',
  'lcms2-dev': 'lcms2',
  'openjpeg-dev': 'openjpeg',
  'geos-dev': 'geos',
  libmagic: 'libmagic',
  'readline-dev': 'readline',
  'ncurses-dev': 'ncurses-libs',
  'gmp-dev': 'gmp',
  'libzmq-dev': 'libzmq',
  'zeromq-dev': 'libzmq',
  'cyrus-sasl-dev': 'cyrus-sasl',
  'openldap-dev': 'libldap',
  'krb5-dev': 'krb5-libs',
  'libevent-dev': 'libevent',
  'pcre-dev': 'pcre',
  'bzip2-dev': 'libbz2',
  'xz-dev': 'xz-libs',
  'zstd-dev': 'zstd-libs',
  'openblas-dev': 'openblas',
  'unixodbc-dev': 'unixodbc',
};

export interface OsPackages {
  manager: 'apt' | 'apk' | null;
  /** Everything the original installed (the builder keeps these installs as written). */
  all: string[];
  /** What the final stage needs: runtime packages and the libraries of -dev packages. */
  runtime: string[];
  /** Build-only packages left out of the final stage. */
  dropped: string[];
  /** -dev packages with no known runtime counterpart (a caveat names them). */
  unmapped: string[];
}

function stripVersion(pkg: string): string {
  return pkg.replace(/[=<>~][\s\S]*$/, '').replace(/:(amd64|arm64|i386|all)$/, '');
}

/** OS packages installed by the stage's RUNs, split into build-only and runtime needs. */
export function osPackages(facts: StageFacts): OsPackages {
  const out: OsPackages = { manager: null, all: [], runtime: [], dropped: [], unmapped: [] };
  // The parser's account of each install (apt, apk): the packages named, options and apk's
  // `--virtual` group name left out.
  const installs = facts.commands.flatMap(({ run, index }) =>
    effectsAt(run, index).filter(
      (e) => e.kind === 'package-install' && (e.manager === 'apt' || e.manager === 'apk'),
    ),
  );
  for (const e of installs) {
    if (e.kind !== 'package-install') continue;
    out.manager = e.manager as 'apt' | 'apk';
    const names = e.packages.map((p) => p.raw);
    for (const raw of names) {
      if (/\$/.test(raw)) continue;
      const name = stripVersion(raw);
      if (!name || out.all.includes(name)) continue;
      out.all.push(name);
      const map = out.manager === 'apk' ? APK_RUNTIME : APT_RUNTIME;
      if (BUILD_ONLY.has(name)) out.dropped.push(name);
      else if (name in map) {
        out.dropped.push(name);
        if (map[name]) out.runtime.push(map[name]);
      } else if (/-dev(el)?$/.test(name) || /-headers$/.test(name)) {
        out.dropped.push(name);
        out.unmapped.push(name);
      } else out.runtime.push(name);
    }
  }
  out.runtime = [...new Set(out.runtime)];
  return out;
}

/** A cleaned install of the runtime packages for the final stage ('' when none). */
export function osInstallLine(manager: 'apt' | 'apk' | null, packages: string[]): string {
  if (!packages.length || !manager) return '';
  const list = [...packages].sort().join(' ');
  if (manager === 'apk') return `RUN apk add --no-cache ${list}`;
  return runLine([
    'apt-get update',
    `apt-get install -y --no-install-recommends ${list}`,
    'rm -rf /var/lib/apt/lists/*',
  ]);
}
