import { readdirSync, readFileSync } from 'node:fs';
import { parseDockerfile, shellParserLoaded } from '../../../src/engine/node';
import { allRules } from '../../../src/engine/rules/registry';
import { defaultBaseLookup } from '../../../src/engine/rules/run';
await shellParserLoaded;
const dir = '/work/shared/corpus/dockerfiles';
const times = new Map<string, number>();
const bases = defaultBaseLookup();
for (const f of readdirSync(dir)) {
  const model = parseDockerfile(readFileSync(dir + '/' + f, 'utf8'));
  for (const r of allRules) {
    const t = performance.now();
    try { r.check({ model, bases }); } catch {}
    times.set(r.meta.id, (times.get(r.meta.id) ?? 0) + performance.now() - t);
  }
}
console.log([...times].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${Math.round(v)}ms`).join('\n'));
