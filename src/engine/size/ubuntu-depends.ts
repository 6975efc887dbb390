// Where an Ubuntu package depends on other packages than the Debian stand-in suite's package of
// the same name. Ubuntu is sized from a Debian suite's index (packages.ts), whose dependency edges
// are Debian's build choices; a few of Ubuntu's builds differ, and the published package lists of
// Ubuntu-based official images show it (docker-library/repo-info, `repos/<image>/local/<tag>.md`:
// the image's `Binary Packages:`, read with this session's repository-file reader). Each entry
// names the list that shows it. Names are the stand-in table's (bullseye for 20.04/22.04, trixie
// for 24.04 and later), so an entry lists both spellings where the time_t rename differs.

/** One package's dependency edges changed: `drop` removed, `add` added (names of the table). */
export interface DependsOverride {
  add: readonly string[];
  drop: readonly string[];
}

interface Rule {
  /** Ubuntu releases it holds for (major.minor); null: every release. */
  releases: readonly string[] | null;
  packages: readonly string[];
  add: readonly string[];
  drop: readonly string[];
  why: string;
}

const RULES: readonly Rule[] = [
  {
    // Ubuntu builds curl with libssh (libssh2 is not in its main archive); Debian with libssh2.
    // The curl install of buildpack-deps:focal-curl (repos/buildpack-deps/local/focal-curl.md
    // @72e4be79), jammy-curl (local/jammy-curl.md@197af8da) and noble-curl
    // (local/noble-curl.md@31b0724f) adds libssh-4 and no libssh2. The gnutls flavour is built
    // from the same source package with the same configure flags.
    releases: null,
    packages: ['libcurl4', 'libcurl4t64', 'libcurl3-gnutls', 'libcurl3t64-gnutls'],
    add: ['libssh-4'],
    drop: ['libssh2-1', 'libssh2-1t64'],
    why: "Ubuntu's curl links libssh, not libssh2",
  },
  {
    // noble's curl is 8.5 (trixie's 8.14, built with HTTP/3): noble-curl.md@31b0724f lists no
    // libnghttp3 / libngtcp2.
    releases: ['24.04'],
    packages: ['libcurl4t64', 'libcurl3t64-gnutls'],
    add: [],
    drop: ['libnghttp3-9', 'libngtcp2-16', 'libngtcp2-crypto-gnutls8'],
    why: "Ubuntu 24.04's curl 8.5 has no HTTP/3",
  },
  {
    // focal's OpenLDAP 2.4 is linked with Heimdal's GSSAPI: focal-curl.md@72e4be79 lists the
    // Heimdal libraries (libgssapi3-heimdal and its dependencies, which bring libsqlite3-0) and
    // libldap-common after the curl install.
    releases: ['20.04'],
    packages: ['libldap-2.4-2'],
    add: ['libgssapi3-heimdal', 'libldap-common'],
    drop: [],
    why: "Ubuntu 20.04's OpenLDAP links Heimdal's GSSAPI",
  },
];

/** An Ubuntu release as the rules spell it ('24.04'), from '24.04', '24.04.1' or '24.4'. */
export function releaseKey(release: string | null): string {
  const m = /^(\d+)\.(\d+)/.exec(release ?? '');
  return m ? `${Number(m[1])}.${m[2].padStart(2, '0')}` : '';
}

const byRelease = new Map<string, ReadonlyMap<string, DependsOverride>>();

/** The dependency overrides of an Ubuntu release, by package name (cached per release). */
export function ubuntuDepends(release: string | null): ReadonlyMap<string, DependsOverride> {
  const key = releaseKey(release);
  let map = byRelease.get(key);
  if (!map) {
    const m = new Map<string, { add: string[]; drop: string[] }>();
    for (const r of RULES) {
      if (r.releases && !r.releases.includes(key)) continue;
      for (const p of r.packages) {
        const o = m.get(p) ?? { add: [], drop: [] };
        o.add.push(...r.add);
        o.drop.push(...r.drop);
        m.set(p, o);
      }
    }
    map = m;
    byRelease.set(key, map);
  }
  return map;
}

/** What the overrides of a release change among the packages a closure holds, for its basis. */
export function ubuntuDependsNotes(release: string | null, packages: readonly string[]): string[] {
  const key = releaseKey(release);
  const held = new Set(packages);
  return RULES.filter(
    (r) => (!r.releases || r.releases.includes(key)) && r.packages.some((p) => held.has(p)),
  ).map((r) => r.why);
}
