// The bundled Debian package tables (src/data/debian-<suite>.json), by suite. This module imports
// them as JSON: Node, the CLI, the engine library and the tests read them at once. The analysis
// worker's build swaps it for tables.deferred.ts (vite.config.ts), which keeps each table in a
// file of its own and reads it on first use: 2.3 MB of tables parsed with the worker's script were
// its largest start-up cost, and most Dockerfiles need at most one suite.
import type { DebianSuite, DebianTableDoc } from './packages';
import type { AlpineTableDoc } from './alpine';
import bullseye from '../../data/debian-bullseye.json';
import bookworm from '../../data/debian-bookworm.json';
import trixie from '../../data/debian-trixie.json';
import alpine from '../../data/alpine-packages.json';

const TABLES = { bullseye, bookworm, trixie } as unknown as Record<DebianSuite, DebianTableDoc>;

export function debianTableDoc(suite: DebianSuite): DebianTableDoc {
  return TABLES[suite];
}

// The Alpine package table is small (a few hundred rows) but follows the same split.
export function alpineTableDoc(): AlpineTableDoc {
  return alpine as unknown as AlpineTableDoc;
}
