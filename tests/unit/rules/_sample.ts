import { readdirSync, readFileSync } from 'node:fs';
import { parseDockerfile, shellParserLoaded } from '../../../src/engine/node';
import { resolveOptions } from '../../../src/engine/options';
import { runRules } from '../../../src/engine/rules/run';
await shellParserLoaded;
const dir = '/work/shared/corpus/dockerfiles';
const want = process.argv[2];
const max = Number(process.argv[3] ?? 6);
let n = 0;
for (const f of readdirSync(dir)) {
  const text = readFileSync(dir + '/' + f, 'utf8');
  const model = parseDockerfile(text);
  for (const o of runRules(model, resolveOptions(), { uncompressedBytes: 0, compressedBytes: 0, confidence: 'low', layers: [] }, { skipSavings: true })) {
    if (o.finding.ruleId !== want) continue;
    if (n++ >= max) process.exit(0);
    const lines = text.split(/\r?\n/).slice(o.finding.line - 1, Math.min(o.finding.endLine, o.finding.line + 3));
    console.log(`--- ${f}:${o.finding.line} ${o.finding.message}\n${lines.join('\n')}`);
    if (o.fix) console.log('  FIX', o.fix.safety, JSON.stringify(o.fix.edits).slice(0, 300));
  }
}
