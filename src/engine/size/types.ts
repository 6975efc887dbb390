// Interfaces between the bundled data tables (base images, packages) and the size model.
import type { Confidence } from '../types';

export type OsFamily =
  | 'debian'
  | 'ubuntu'
  | 'alpine'
  | 'rhel' // ubi, rockylinux, almalinux, centos, fedora, amazonlinux (rpm-based)
  | 'wolfi' // chainguard
  | 'distroless' // debian-based, no package manager
  | 'busybox'
  | 'scratch'
  | 'windows'
  | 'unknown';

export interface CatalogEntry {
  /** Canonical reference, e.g. 'node:22-bookworm'. */
  reference: string;
  /** Repository without the docker.io/library prefix, e.g. 'node', 'gcr.io/distroless/static-debian12'. */
  image: string;
  tag: string;
  uncompressedBytes: number;
  compressedBytes: number;
  /** True when the on-disk size was derived from the compressed size with a calibrated ratio. */
  uncompressedDerived: boolean;
  os: OsFamily;
  /** e.g. 'bookworm', 'trixie', '3.22', '24.04', '9'. */
  osRelease: string | null;
  libc: 'glibc' | 'musl' | 'none';
  /** Number of OS packages installed, when published. */
  packages: number | null;
  shell: boolean;
  /** Language/runtime and its version, e.g. { name: 'node', version: '22' }. */
  runtime: { name: string; version: string } | null;
  /** 'full' | 'slim' | 'alpine' | 'distroless' | 'chiseled' | 'minimal' ... for alternatives. */
  variant: string;
  /** Whether it is an SDK/toolchain image (compilers inside) rather than a runtime. */
  toolchain: boolean;
  asOf: string;
  source: string;
  /** Per-layer compressed sizes with their instructions, when published. */
  /** Published layers; `uncompressedBytes` where the on-disk size was derived per layer (a JDK
   *  layer at its own measured ratio). */
  layers: { instruction: string; compressedBytes: number; uncompressedBytes?: number }[] | null;
}

export interface BaseResolution {
  entry: CatalogEntry | null;
  /** How the reference was matched: exact tag, alias, patch version → family, family fallback, unknown. */
  match: 'exact' | 'alias' | 'family' | 'fallback' | 'scratch' | 'unknown';
  confidence: Confidence;
  /** One sentence for the layer's basis. */
  basis: string;
}

export interface BaseImageLookup {
  resolve(reference: string): BaseResolution;
  /** Variants of the same family (for alternatives and base-image advice). */
  alternatives(entry: CatalogEntry): CatalogEntry[];
  /** OS packages the image already has (names), when known; null when unknown. */
  installedPackages(entry: CatalogEntry): ReadonlySet<string> | null;
}

export interface PackageSizeResult {
  installedBytes: number;
  downloadBytes: number;
  /** Packages the install pulls in, after removing what the base has. */
  packages: string[];
  /** Requested names not found in the table. */
  unknown: string[];
  confidence: Confidence;
  basis: string;
  /** Part of installedBytes whose compressed layer size is measured (an apk JDK package). */
  precompressed?: { installedBytes: number; compressedBytes: number };
}

export interface PackageSizer {
  osInstall(
    os: OsFamily,
    osRelease: string | null,
    names: string[],
    opts: { recommends: boolean; installed: ReadonlySet<string> | null },
  ): PackageSizeResult;
}
