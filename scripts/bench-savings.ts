// Savings half of `npm run bench:accuracy`: the saving a finding claims vs the saving measured on
// this machine (scripts/data/savings-truth.json, written by scripts/data/measure-savings.ts):
// npm's global-install cache from real installs, apt's Recommends closure from apt's own
// resolver over Debian's index, the apt lists as the official images keep them, and pip's cache
// from published wheel sizes (scripts/data/measure-pip-wheels.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../src/engine/node';
import { pipWheelKnown } from '../src/engine/size/ecosystems/pip-wheels';

interface Truth {
  npmGlobalCache: Record<string, { cacheBytes: number; installedBytes: number }>;
  aptRecommends: Record<string, Record<string, { savingBytes: number; recommendsOnly: string[] }>>;
  aptLists: Record<string, number>;
  pipCache: { cases: Record<string, { wheelBytes: number; source: string }> };
}

export interface SavingsRow {
  kind: string;
  name: string;
  claimed: number | null;
  real: number;
  /** The model sizes this case from a table built from the same sources (marked `*`). */
  inSample?: boolean;
}

function claimed(text: string, ruleId: string): Promise<number | null> {
  return analyze(text).then((a) => a.findings.find((f) => f.ruleId === ruleId)?.savingsBytes ?? null);
}

export async function savingsRows(root: string): Promise<SavingsRow[]> {
  const truth = JSON.parse(readFileSync(path.join(root, 'scripts/data/savings-truth.json'), 'utf8')) as Truth;
  const rows: SavingsRow[] = [];
  for (const [pkg, t] of Object.entries(truth.npmGlobalCache))
    rows.push({
      kind: 'npm cache (global install)',
      name: `npm install -g ${pkg}`,
      claimed: await claimed(`FROM node:22-slim\nRUN npm install -g ${pkg}\n`, 'node-package-cache'),
      real: t.cacheBytes,
    });
  for (const [suite, pkgs] of Object.entries(truth.aptRecommends))
    for (const [pkg, t] of Object.entries(pkgs))
      rows.push({
        kind: 'apt Recommends',
        name: `${suite}: apt-get install ${pkg}`,
        claimed: await claimed(
          `FROM debian:${suite}-slim\nRUN apt-get update && apt-get install -y ${pkg} && rm -rf /var/lib/apt/lists/*\n`,
          'apt-no-install-recommends',
        ),
        real: t.savingBytes,
      });
  for (const suite of ['bookworm', 'trixie'])
    rows.push({
      kind: 'apt lists',
      name: `${suite}: apt-get update kept`,
      claimed: await claimed(
        `FROM debian:${suite}-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n`,
        'apt-lists-not-removed',
      ),
      real: truth.aptLists[suite],
    });
  for (const [install, t] of Object.entries(truth.pipCache.cases))
    rows.push({
      kind: 'pip cache',
      name: `pip install ${install}`,
      claimed: await claimed(`FROM python:3.12-slim\nRUN pip install ${install}\n`, 'pip-no-cache-dir'),
      real: t.wheelBytes,
      // In-sample when a named package's wheel is in the bundled table (same kind of source).
      inSample: install.split(' ').some(pipWheelKnown),
    });
  return rows;
}
