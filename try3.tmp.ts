import { readFileSync } from 'node:fs';
import { analyzeSync, shellParserLoaded } from './src/engine/node';
await shellParserLoaded;
const text = readFileSync(process.argv[2], 'utf8');
const a = analyzeSync(text);
const mb = (n: number) => (n / 1e6).toFixed(1) + 'MB';
for (const e of [a.estimate, a.rewrite.estimate]) { console.log('TOTAL', mb(e.uncompressedBytes)); for (const l of e.layers) console.log(' ', l.line, mb(l.uncompressedBytes), l.instruction.slice(0,60), '|', l.basis.slice(0,120)); }
