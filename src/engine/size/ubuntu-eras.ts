// Ubuntu packages of another Debian generation than their release's stand-in suite. An Ubuntu
// release is sized from one Debian suite (packages.ts: 24.04 → trixie); a package whose Ubuntu
// version is packaged like another suite's is sized from that suite's row instead (its installed
// size and its measured files), keeping the stand-in's dependency edges. Each entry names the
// published package list that gives Ubuntu's version (docker-library/repo-info
// `repos/<image>/local/<tag>.md`, read with this session's repository-file reader).
import type { DebianSuite } from './packages';
import { releaseKey } from './ubuntu-depends';

interface EraRule {
  releases: readonly string[];
  packages: readonly string[];
  suite: DebianSuite;
  why: string;
}

const RULES: readonly EraRule[] = [
  {
    // noble ships binutils 2.42-4ubuntu2 (repos/gradle/local/9.6.1-jdk21-graal-noble.md@6a7b40b6
    // lists binutils-x86-64-linux-gnu=2.42-4ubuntu2.10). GNU Binutils 2.44 deprecated gold and put
    // it in a package of its own, so trixie's binutils-x86-64-linux-gnu (2.44, 6.1 MB installed)
    // has no ld.gold; bookworm's (2.40, 11.7 MB) and noble's still carry it.
    releases: ['24.04'],
    packages: ['binutils-x86-64-linux-gnu'],
    suite: 'bookworm',
    why: "Ubuntu 24.04's binutils 2.42 still ships gold: sized from bookworm's 2.40",
  },
];

/** The rule that sizes a package of an Ubuntu release from another suite, if any. */
function ruleFor(release: string | null, name: string): EraRule | null {
  const key = releaseKey(release);
  return RULES.find((r) => r.releases.includes(key) && r.packages.includes(name)) ?? null;
}

/** The Debian suite whose row sizes this Ubuntu package, when it is not the stand-in suite's. */
export function ubuntuEraSuite(release: string | null, name: string): DebianSuite | null {
  return ruleFor(release, name)?.suite ?? null;
}

/** Why packages of this install were sized from another suite's rows, for the basis. */
export function ubuntuEraNotes(release: string | null, packages: readonly string[]): string[] {
  const notes = new Set<string>();
  for (const p of packages) {
    const r = ruleFor(release, p);
    if (r) notes.add(r.why);
  }
  return [...notes];
}
