// The published-image half of `npm run bench:accuracy`: every official image in
// ../shared/data/repo-info, scripts/data/repo-info-history.json and scripts/data/published-images.json whose parent is a Debian,
// Debian slim, Ubuntu or Alpine base of the catalog is rebuilt FROM that base with its published
// layer instructions, and compared with its published sizes:
//   * the whole image (registry Total Size), and
//   * each prefix ending after a package-install layer (the sum of the published layers up to it),
//     which isolates the package model from later build steps.
// Instructions repo-info abridged (cut with "…") are kept as published: a cut package list makes
// the estimate smaller, and such layers are marked in the output rather than skipped silently.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import catalog from '../src/data/base-images.json';
import { baseImages } from '../src/engine/size/catalog';

export interface PublishedLayer {
  instruction: string;
  compressedBytes: number;
}
export interface PublishedRecord {
  image: string;
  tag: string;
  compressedBytes: number;
  uncompressedBytes?: number | null;
  layers: PublishedLayer[] | null;
  osFacts?: { os: string; osRelease: string };
}

interface Entry {
  reference: string;
  os: string;
  osRelease: string | null;
  variant: string;
  tag: string;
}

export function publishedRecords(root: string): PublishedRecord[] {
  const dir = path.resolve(root, '../shared/data/repo-info');
  const out: PublishedRecord[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')))
    out.push(...(JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as PublishedRecord[]));
  const history = JSON.parse(
    readFileSync(path.join(root, 'scripts/data/repo-info-history.json'), 'utf8'),
  ) as { records: PublishedRecord[] };
  out.push(...history.records);
  const published = JSON.parse(
    readFileSync(path.join(root, 'scripts/data/published-images.json'), 'utf8'),
  ) as { records: PublishedRecord[] };
  out.push(...published.records);
  return out.filter((r) => r.layers && r.layers.length > 1);
}

type EnvTable = Record<string, Partial<Record<'debian' | 'alpine', string[]>>>;

/**
 * The ENV lines of a record's published history that its RUN lines read (php's PHPIZE_DEPS), as
 * Dockerfile lines to put after FROM: without them `apt-get install $PHPIZE_DEPS` installs nothing.
 */
export function publishedEnv(root: string, r: PublishedRecord, family: Family): string[] {
  const { env } = JSON.parse(readFileSync(path.join(root, 'scripts/data/published-images.json'), 'utf8')) as {
    env: EnvTable & { about: string };
  };
  const lines = env[r.image]?.[family === 'alpine' ? 'alpine' : 'debian'] ?? [];
  return lines.map((l) => {
    const [name, ...value] = l.split('=');
    return `ENV ${name}="${value.join('=')}"`;
  });
}

export type Family = 'debian' | 'debian slim' | 'ubuntu' | 'alpine';

/** The base a record was built FROM (its first layer is that base's rootfs), and its family. */
export function parentOf(r: PublishedRecord): { parent: string; family: Family } | null {
  const entry = (catalog as unknown as { entries: Entry[] }).entries.find(
    (e) => e.reference === `${r.image}:${r.tag}`,
  );
  const os = r.osFacts?.os ?? entry?.os;
  const release = r.osFacts?.osRelease ?? entry?.osRelease;
  if (!os || !release) return null;
  const slim = os === 'debian' && release !== null && slimRootfs(r, release);
  let parent: string;
  let family: Family;
  if (os === 'alpine') [parent, family] = [`alpine:${release}`, 'alpine'];
  else if (os === 'ubuntu') [parent, family] = [`ubuntu:${release}`, 'ubuntu'];
  else if (os === 'debian')
    [parent, family] = [`debian:${release}${slim ? '-slim' : ''}`, slim ? 'debian slim' : 'debian'];
  else return null;
  // Only a base the catalog holds exactly: a stand-in base would measure the fallback, not the model.
  const m = baseImages.resolve(parent).match;
  if (m !== 'exact' && m !== 'alias') return null;
  // The record's first layer must be that base's rootfs (not a multi-layer parent).
  const first = r.layers![0].instruction;
  if (!/^(ADD (alpine-minirootfs|file:)|RUN (# debian\.sh|umoci))/.test(first)) return null;
  return { parent, family };
}

/** The catalog's compressed size of a single-layer base image, or null when it holds no such entry. */
function catalogBytes(reference: string): number | null {
  const entry = (catalog as unknown as { entries: (Entry & { compressedBytes?: number })[] }).entries.find(
    (e) => e.reference === reference,
  );
  return entry?.compressedBytes ?? null;
}

/**
 * Whether a Debian-based record was built FROM the slim variant: its first layer (the rootfs) is
 * nearer in size to debian:<release>-slim than to debian:<release> (~28 vs ~48 MB compressed).
 * The tag name is not evidence: php:8.4-cli and httpd:latest are slim-based without saying so.
 */
function slimRootfs(r: PublishedRecord, release: string): boolean {
  const rootfs = r.layers![0].compressedBytes;
  const full = catalogBytes(`debian:${release}`);
  const slim = catalogBytes(`debian:${release}-slim`);
  if (full === null || slim === null) return /(^|-)slim(-|$)/.test(r.tag);
  return Math.abs(rootfs - slim) < Math.abs(rootfs - full);
}

export function isPackageLayer(text: string): boolean {
  return (
    /^RUN\b/.test(text) &&
    /\b(apt-get install|apk add)\b/.test(text) &&
    !/savedAptMark|apt-mark auto|--virtual|\.tar\.|curl -|wget -/.test(text)
  );
}
