/// <reference types="vite/client" />
// The worker build's stand-in for tables.ts (same exports; swapped in by vite.config.ts). The Debian
// tables are files of their own next to the worker, not part of its script: the worker starts by
// parsing about a megabyte of script instead of three (the tables were two thirds of it), and a
// suite's file is read and decoded the first time an analysis asks for that suite.
import type { DebianSuite, DebianTableDoc } from './packages';
import type { AlpineTableDoc } from './alpine';
import bullseye from '../../data/debian-bullseye.json?url';
import bookworm from '../../data/debian-bookworm.json?url';
import trixie from '../../data/debian-trixie.json?url';
// The Alpine table is small (12 kB): it stays a string in the script, decoded on first use.
import alpineText from '../../data/alpine-packages.json?raw';

const URLS: Record<DebianSuite, string> = { bullseye, bookworm, trixie };
const decoded = new Map<DebianSuite, DebianTableDoc>();

/**
 * Reads a file of the app synchronously. The engine is synchronous and a dedicated worker may
 * block (the page never does); the service worker answers it offline like any other request.
 */
function readAppFile(url: string): string {
  const request = new XMLHttpRequest();
  request.open('GET', url, false);
  request.send();
  if (request.status !== 200)
    throw new Error(`The package table ${url} could not be loaded (HTTP ${request.status}).`);
  return request.responseText;
}

let read: (url: string) => string = readAppFile;

/** Tests in Node, which has no XMLHttpRequest, read the files from disk instead. */
export function setTableReader(reader: (url: string) => string): void {
  read = reader;
}

export function debianTableDoc(suite: DebianSuite): DebianTableDoc {
  let doc = decoded.get(suite);
  if (!doc) decoded.set(suite, (doc = JSON.parse(read(URLS[suite])) as DebianTableDoc));
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
