import { readFileSync } from 'node:fs';
import { shellParserLoaded, parseDockerfile } from './src/engine/node';
import { estimateImage } from './src/engine/size';
import { resolveOptions } from './src/engine/options';
await shellParserLoaded;
const m = parseDockerfile(readFileSync(process.argv[2], 'utf8'));
for (const h of [false, true]) { const e = estimateImage(m, resolveOptions({ context: { hasDockerignore: h } })); console.log(h, e.uncompressedBytes); for (const l of e.layers.filter(l => l.kind !== 'base')) console.log('  ', l.line, l.uncompressedBytes, l.basis.slice(0, 150)); }
