import { readdirSync, readFileSync } from 'node:fs';
import { analyzeSync, shellParserLoaded } from '../../../src/engine/node';
import { parseDockerfile } from '../../../src/engine/node';
import { resolveOptions } from '../../../src/engine/options';
import { estimateImage } from '../../../src/engine/size';
import { runRules } from '../../../src/engine/rules/run';
await shellParserLoaded;
const dir = '/work/shared/corpus/dockerfiles';
let worst = ['', 0] as [string, number];
let total = 0;
for (const f of readdirSync(dir)) {
  const text = readFileSync(dir + '/' + f, 'utf8');
  const model = parseDockerfile(text);
  const opts = resolveOptions();
  const est = estimateImage(model, opts);
  const t = performance.now();
  runRules(model, opts, est, { skipSavings: process.argv[2] === "skip" });
  const ms = performance.now() - t;
  total += ms;
  if (ms > worst[1]) worst = [f, ms];
}
console.log('rules+savings total ms', Math.round(total), 'worst', worst);
