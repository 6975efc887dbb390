// Prints the binary package names of a docker-library/repo-info local file
// (repos/<image>/local/<tag>.md): the `Binary Packages:` entries of its dpkg section (or the apk
// lines of an Alpine image), without architecture and version, sorted — the form kept in
// src/data/debian-base-packages.json.
//
// Usage: npx tsx scripts/data/parse-repo-info-packages.ts <local-file.md>
import { readFileSync } from 'node:fs';

/** Package names listed under the file's `Binary Packages:` headings. */
export function binaryPackages(markdown: string): string[] {
  const names = new Set<string>();
  let inList = false;
  for (const line of markdown.split('\n')) {
    if (/^Binary Packages:/.test(line)) inList = true;
    else if (/^(Licenses|Source|###)/.test(line)) inList = false;
    else if (inList) {
      const m = /^- `([a-z0-9][a-z0-9.+-]*)(?::[a-z0-9]+)?=/.exec(line);
      if (m) names.add(m[1]);
    }
  }
  return [...names].sort();
}

if (process.argv[2]) console.log(JSON.stringify(binaryPackages(readFileSync(process.argv[2], 'utf8'))));
