import { readFileSync } from 'node:fs';
import { analyzeSync, shellParserLoaded } from './src/engine/node';
await shellParserLoaded;
const text = readFileSync(process.argv[2], 'utf8');
const a = analyzeSync(text);
for (const s of a.rewrite.steps) console.log(s.enabled ? '+' : '-', s.id, s.savingsBytes);
const b = analyzeSync(a.rewrite.dockerfile);
console.log('--- second');
for (const s of b.rewrite.steps) console.log(s.enabled ? '+' : '-', s.id, s.savingsBytes);
const { execSync } = await import('node:child_process');
const fs = await import('node:fs');
fs.writeFileSync('/tmp/a1', a.rewrite.dockerfile); fs.writeFileSync('/tmp/a2', b.rewrite.dockerfile);
try { execSync('diff /tmp/a1 /tmp/a2', { stdio: 'inherit' }); } catch {}
