// Image references: repository, tag, version and distribution release of a base image.
import { parseImageRef } from '../parse/images';

export interface ImageParts {
  /** Everything before the repository's last path part, with the trailing slash ('' for 'node'). */
  prefix: string;
  /** Last path part of the repository, lower-case: 'node', 'golang', 'sdk'. */
  name: string;
  /** Full repository path without tag/digest, lower-case: 'node', 'mcr.microsoft.com/dotnet/sdk'. */
  repository: string;
  tag: string | null;
  digest: string | null;
}

export function splitImage(ref: string): ImageParts {
  const { registry, name: path, repository, tag, digest } = parseImageRef(ref);
  const full = registry ? `${registry}/${path}` : path;
  const slash = full.lastIndexOf('/');
  return {
    prefix: slash >= 0 ? full.slice(0, slash + 1) : '',
    name: full.slice(slash + 1).toLowerCase(),
    repository,
    tag,
    digest,
  };
}

/** Leading dotted version of a tag: '20.11.1-bookworm' → '20.11.1'; 'lts' → null. */
export function tagVersion(tag: string | null): string | null {
  if (!tag) return null;
  const m = /^v?(\d+(?:\.\d+)*)/.exec(tag);
  return m ? m[1] : null;
}

export function majorOf(version: string | null): string | null {
  return version ? version.split('.')[0] : null;
}

/** 'major.minor' of a version ('3.12.1' → '3.12'); the version itself when shorter. */
export function majorMinor(version: string | null): string | null {
  if (!version) return null;
  return version.split('.').slice(0, 2).join('.');
}

export function isAlpineTag(tag: string | null): boolean {
  return !!tag && /alpine/i.test(tag);
}

/** Debian release named in a tag ('1.22-bookworm' → 'bookworm'), else null. */
export function debianRelease(tag: string | null): string | null {
  const m = /(bookworm|bullseye|buster|trixie|stretch)/i.exec(tag ?? '');
  return m ? m[1].toLowerCase() : null;
}

/** Alpine release named in a tag ('20-alpine3.19' → '3.19'), else null. */
export function alpineRelease(tag: string | null): string | null {
  const m = /alpine(\d+\.\d+)/i.exec(tag ?? '');
  return m ? m[1] : null;
}

/** Base image tags that already are small runtimes (nothing for a multi-stage build to remove). */
export function isSlimTag(tag: string | null): boolean {
  return !!tag && /(slim|alpine|distroless|chiseled|minimal|jre)/i.test(tag);
}
