// Which catalog tag stands in for a tag the catalog lacks: the same family and variant (alpine
// stays alpine, slim stays slim, jdk stays jdk), the same major version or the nearest one.
export const DEBIAN_CODENAMES: Record<string, string> = {
  buster: '10',
  bullseye: '11',
  bookworm: '12',
  trixie: '13',
  forky: '14',
  sid: 'sid',
};
const UBUNTU_CODENAMES: Record<string, string> = {
  bionic: '18.04',
  focal: '20.04',
  jammy: '22.04',
  noble: '24.04',
  oracular: '24.10',
  plucky: '25.04',
  questing: '25.10',
  resolute: '26.04',
};

export interface TagShape {
  version: string | null;
  words: string[];
  osRelease: string | null;
}

const JAVA_IMAGES = new Set(['eclipse-temurin', 'openjdk', 'ibm-semeru-runtimes', 'sapmachine']);

/** Version, variant words and OS release of a tag, normalised so equivalent spellings compare equal. */
export function tagShape(image: string, tag: string): TagShape {
  let t = tag.toLowerCase();
  let osRelease: string | null = null;
  if (image === 'debian') {
    const m = /^([a-z]+)(.*)$/s.exec(t);
    if (m && DEBIAN_CODENAMES[m[1]]) t = DEBIAN_CODENAMES[m[1]] + m[2];
  }
  if (image === 'ubuntu') {
    const m = /^([a-z]+)(.*)$/s.exec(t);
    if (m && UBUNTU_CODENAMES[m[1]]) t = UBUNTU_CODENAMES[m[1]] + m[2];
  }
  const m = /^v?(\d+(?:\.\d+)*)(?:[-_.]|$)(.*)$/.exec(t);
  let version: string | null = null;
  let rest = t;
  if (m) {
    version = m[1];
    rest = m[2];
  }
  const words: string[] = [];
  for (const w0 of rest.split('-')) {
    const w = w0.trim();
    if (!w || w === 'latest' || /^\d{8}$/.test(w) || /^r\d+$/.test(w)) continue;
    if (w in DEBIAN_CODENAMES || w in UBUNTU_CODENAMES) {
      osRelease = w;
      continue;
    }
    const alp = /^alpine(\d+\.\d+)?/.exec(w);
    if (alp) {
      words.push('alpine');
      if (alp[1]) osRelease = alp[1];
      continue;
    }
    if (/^(al2023|al2|ubi\d*|ubi\d+-minimal|debian\d+)$/.test(w)) {
      osRelease = w;
      continue;
    }
    words.push(w);
  }
  // Implied words: php's default SAPI is cli; Java images default to the JDK; Corretto's 'jdk'
  // suffix is the default too.
  let ws = words;
  if (image === 'php') ws = ws.filter((w) => w !== 'cli');
  if (JAVA_IMAGES.has(image) && !ws.includes('jre') && !ws.includes('jdk')) ws = [...ws, 'jdk'];
  if (image === 'amazoncorretto') ws = ws.filter((w) => w !== 'jdk');
  if (image === 'debian' || image === 'ubuntu') ws = ws.filter((w) => w === 'slim');
  return { version, words: [...new Set(ws)].sort(), osRelease };
}

function versionParts(v: string): number[] {
  return v.split('.').map((x) => parseInt(x, 10) || 0);
}

/** True when `prefix` is `v` or a component-wise prefix of it (20 ⊑ 20.11.1). */
function versionPrefix(prefix: string, v: string): boolean {
  return v === prefix || v.startsWith(prefix + '.');
}

/**
 * Distance between versions on one scale (major, then minor, then patch), so 2.6 is nearer to 3.0
 * than to 3.4; the major difference still dominates.
 */
function versionDistance(a: string, b: string): number {
  const x = versionParts(a);
  const y = versionParts(b);
  let d = 0;
  for (let i = 0; i < 3; i++) d = d * 1000 + ((x[i] ?? 0) - (y[i] ?? 0));
  return Math.abs(d);
}

export interface Candidate<E> {
  entry: E;
  image: string;
  shape: TagShape;
}

export interface ClosestMatch<E> {
  entry: E;
  /** True when the variant words are the same and the catalog version is a prefix of the tag's. */
  sameLine: boolean;
  /** True when the entry's variant words equal the wanted ones. */
  sameVariant: boolean;
  /** True when the entry comes from a successor image (openjdk → eclipse-temurin). */
  otherImage: boolean;
}

/**
 * Words that change what an image contains, so a stand-in must share them: the libc (alpine), the
 * trimmed variants (slim), Java's jdk/jre, php's SAPIs, Windows bases.
 */
const KEY_WORDS = new Set([
  'alpine',
  'slim',
  'jdk',
  'jre',
  'fpm',
  'apache',
  'zts',
  'windowsservercore',
  'nanoserver',
  'chiseled',
  'minimal',
]);

/** Images whose successor publishes the same builds under another name (for old tags). */
export const SUCCESSOR_IMAGES: Record<string, string> = {
  openjdk: 'eclipse-temurin',
  adoptopenjdk: 'eclipse-temurin',
};

function keyWords(words: string[]): string {
  return words.filter((w) => KEY_WORDS.has(w)).join(' ');
}

function sameWords(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}

function overlap(a: string[], b: string[]): number {
  const s = new Set(b);
  const common = a.filter((w) => s.has(w)).length;
  return common / Math.max(1, new Set([...a, ...b]).size);
}

function cmpVersionDesc(a: string | null, b: string | null): number {
  const x = versionParts(a ?? '0');
  const y = versionParts(b ?? '0');
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (y[i] ?? 0) - (x[i] ?? 0);
  return 0;
}

/** 0 for a version-prefix match, else a distance where the major version dominates. */
function versionScore(want: string | null, have: string | null): number {
  if (!want || !have) return want === have ? 0 : 5e8;
  if (versionPrefix(have, want) || versionPrefix(want, have)) return 0;
  return 1e6 + versionDistance(have, want);
}

/** The nearest candidate of a pool and its score (see closestEntry). */
function bestIn<E>(
  pool: Candidate<E>[],
  want: TagShape,
  wantVersion: string | null,
  anyVariant: boolean,
): { best: Candidate<E>; score: number } | null {
  let best: Candidate<E> | null = null;
  let bestScore = Infinity;
  for (const c of pool) {
    let score = versionScore(wantVersion, c.shape.version);
    if (anyVariant) {
      score += (1 - overlap(c.shape.words, want.words)) * 1e9;
      // Any variant will do except another libc: a musl tag never stands in for a glibc one.
      if (c.shape.words.includes('alpine') !== want.words.includes('alpine')) score += 2e9;
    }
    if (want.osRelease && c.shape.osRelease && want.osRelease !== c.shape.osRelease) score += 1;
    if (
      score < bestScore ||
      (score === bestScore && best && cmpVersionDesc(c.shape.version, best.shape.version) < 0)
    ) {
      best = c;
      bestScore = score;
    }
  }
  return best ? { best, score: bestScore } : null;
}

/**
 * The closest candidate to the wanted tag, searched in tiers: the same image with the same
 * variant words, then with the same key words (alpine/slim/jdk/jre…), then the successor image
 * with the same key words, and only then any variant of the image. Within a tier the nearest
 * version wins (same major first), then the same OS release, then the newest. The successor's
 * tier is taken first when only it has the wanted version (openjdk:17-alpine → temurin 17).
 */
export function closestEntry<E>(
  own: Candidate<E>[],
  successor: Candidate<E>[],
  want: TagShape,
  wantVersion: string | null,
): ClosestMatch<E> | null {
  const key = keyWords(want.words);
  const tiers: { pool: Candidate<E>[]; other: boolean }[] = [
    { pool: own.filter((c) => sameWords(c.shape.words, want.words)), other: false },
    { pool: own.filter((c) => keyWords(c.shape.words) === key), other: false },
    { pool: successor.filter((c) => sameWords(c.shape.words, want.words)), other: true },
    { pool: successor.filter((c) => keyWords(c.shape.words) === key), other: true },
    { pool: own, other: false },
  ];
  for (const [t, { pool, other }] of tiers.entries()) {
    let found = bestIn(pool, want, wantVersion, t === tiers.length - 1);
    if (!found) continue;
    let fromOther = other;
    if (t < 2 && found.score >= 1e6) {
      const alt = bestIn(tiers[t + 2].pool, want, wantVersion, false);
      if (alt && alt.score < 1e6) [found, fromOther] = [alt, true];
    }
    const sameVariant = sameWords(found.best.shape.words, want.words);
    return {
      entry: found.best.entry,
      sameLine: sameVariant && found.score < 1e6 && !fromOther,
      sameVariant,
      otherImage: fromOther,
    };
  }
  return null;
}
