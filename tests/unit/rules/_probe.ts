import { parseDockerfile, shellParserLoaded } from '../../../src/engine/node';
import { readFileSync } from 'node:fs';
await shellParserLoaded;
const text = readFileSync(process.argv[2], 'utf8');
const m = parseDockerfile(text);
for (const ins of m.instructions) {
  const { span, keywordSpan, raw, shell, ...rest } = ins as any;
  console.log(JSON.stringify(rest));
  if (shell) console.log('  effects', JSON.stringify(shell.effects));
}
console.log(JSON.stringify(m.stages.map(s => ({...s, instructions: undefined, from: undefined}))));
