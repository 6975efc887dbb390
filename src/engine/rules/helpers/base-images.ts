// Base images as the rules see them: repository, tag, catalog entry, SDK / Alpine / shellless.
import type { Stage } from '../../model';
import type { RuleContext } from '../types';
import type { CatalogEntry } from '../../size/types';
import { parseImageRef } from '../../parse/images';
import { rootImage } from './stages';

export interface BaseInfo {
  reference: string;
  repo: string; // 'node', 'python', 'gcr.io/distroless/static-debian12'
  tag: string | null;
  digest: string | null;
  entry: CatalogEntry | null;
  /** How the catalog matched the reference ('exact', 'alias', 'family', 'fallback', ...). */
  match: string;
}

/** Splits an image reference (registry/name:tag@digest) into repository, tag and digest. */
export function splitImage(reference: string): { repo: string; tag: string | null; digest: string | null } {
  const { repository, tag, digest } = parseImageRef(reference);
  return { repo: repository, tag, digest };
}

export function baseInfo(ctx: RuleContext, stage: Stage): BaseInfo | null {
  const image = rootImage(ctx.model, stage);
  if (!image) return null;
  const { repo, tag, digest } = splitImage(image);
  let entry: CatalogEntry | null = null;
  let match = 'unknown';
  try {
    const res = ctx.bases.resolve(image);
    entry = res.entry;
    match = res.match;
  } catch {
    entry = null;
  }
  return { reference: image, repo, tag, digest, entry, match };
}

const INTERPRETED = new Set(['node', 'python', 'ruby', 'php', 'perl', 'bun', 'deno']);
const SDK_REPOS =
  /^(golang|rust|maven|gradle|openjdk|eclipse-temurin|amazoncorretto|gcc|buildpack-deps|mcr\.microsoft\.com\/dotnet\/sdk|swift|haskell|elixir|erlang)$/;

/**
 * True when the base is a compiler SDK (golang, rust, maven, gradle, a JDK, the .NET SDK): what it
 * holds is for building. Full interpreter images (node, python, ruby) are not SDKs here even though
 * the catalog marks them as carrying a toolchain: a slim variant of the same runtime replaces them.
 */
export function isSdkBase(info: BaseInfo | null): boolean {
  if (!info) return false;
  if (SDK_REPOS.test(info.repo)) return !/(^|-)jre(-|$)/.test(info.tag ?? '');
  if (info.repo.endsWith('/sdk') || /(^|-)jdk(-|$)/.test(info.tag ?? '')) return true;
  const e = info.entry;
  return !!e && e.toolchain && !!e.runtime && !INTERPRETED.has(e.runtime.name) && info.match !== 'fallback';
}

/** True when the base looks like Alpine (musl, BusyBox ash, apk). */
export function isAlpineBase(info: BaseInfo | null): boolean {
  if (!info) return false;
  if (info.entry) return info.entry.os === 'alpine' || info.entry.libc === 'musl';
  return info.repo === 'alpine' || /(^|-)alpine/.test(info.tag ?? '');
}

/** True when the base has no shell (distroless, scratch, chiseled). */
export function isShellless(info: BaseInfo | null): boolean {
  if (!info) return true;
  if (info.entry) return !info.entry.shell;
  return /distroless|chiseled/.test(info.repo + ':' + (info.tag ?? ''));
}
