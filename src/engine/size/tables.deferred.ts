/// <reference types="vite/client" />
// The worker build's stand-in for tables.ts (same exports; swapped in by vite.config.ts): each
// Debian table stays a string in the script, which compiles in a fraction of the time its object
// literals took, and is decoded (JSON.parse) the first time an analysis asks for that suite.
import type { DebianSuite, DebianTableDoc } from './packages';
import type { AlpineTableDoc } from './alpine';
import bullseye from '../../data/debian-bullseye.json?raw';
import bookworm from '../../data/debian-bookworm.json?raw';
import trixie from '../../data/debian-trixie.json?raw';
import alpineText from '../../data/alpine-packages.json?raw';

const TEXTS: Record<DebianSuite, string> = { bullseye, bookworm, trixie };
const decoded = new Map<DebianSuite, DebianTableDoc>();

export function debianTableDoc(suite: DebianSuite): DebianTableDoc {
  let doc = decoded.get(suite);
  if (!doc) decoded.set(suite, (doc = JSON.parse(TEXTS[suite]) as DebianTableDoc));
  return doc;
}

/** The suites decoded so far (for the test that proves nothing is decoded before it is needed). */
export function decodedSuites(): DebianSuite[] {
  return [...decoded.keys()];
}

let alpineDoc: AlpineTableDoc | null = null;

export function alpineTableDoc(): AlpineTableDoc {
  return (alpineDoc ??= JSON.parse(alpineText) as AlpineTableDoc);
}
