import { readFileSync } from 'node:fs';
import { shellParserLoaded, parseDockerfile } from './src/engine/node';
import { estimateImage } from './src/engine/size';
import { runRules } from './src/engine/rules/run';
import { rewriteDockerfile } from './src/engine/rewrite';
import { resolveOptions } from './src/engine/options';
await shellParserLoaded;
const text = readFileSync(process.argv[2], 'utf8');
const opts = resolveOptions({});
let t = Date.now(); const m = parseDockerfile(text); console.log('parse', Date.now() - t);
t = Date.now(); const e = estimateImage(m, opts); console.log('estimate', Date.now() - t);
t = Date.now(); runRules(m, opts, e, { skipSavings: true }); console.log('rules', Date.now() - t);
t = Date.now(); const o = runRules(m, opts, e); console.log('rules+savings', Date.now() - t);
t = Date.now(); const r = rewriteDockerfile(m, o, opts, e); console.log('rewrite', Date.now() - t, r.steps.length);
for (let k = 0; k < 3; k++) { t = Date.now(); const mm = parseDockerfile(text + '\n'.repeat(k + 1)); const p = Date.now() - t; t = Date.now(); estimateImage(mm, opts); console.log('parse', p, 'estimate', Date.now() - t); }
