// A small shell splitter used only while tree-sitter is not loaded (or could not load): it splits
// on unquoted && || ; | & and line breaks, and words on blanks, so the model still has commands.
// It does not understand if/for/case or heredocs; tree-sitter replaces it as soon as it is ready.
import type { Connector, ShellCommand } from '../model';
import { processWord, rawWords } from './variables';
import type { Lookup } from './variables';

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

export function fallbackCommands(source: string, lookup: Lookup): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let quote: string | null = null;
  let start = 0;
  let depth = 0;
  let connector: Connector = null;
  const flush = (end: number, next: Connector) => {
    const text = source.slice(start, end);
    const trimmed = text.trim();
    if (trimmed !== '') {
      const lead = start + (text.length - text.trimStart().length);
      const words = rawWords(trimmed.replace(/^[({]\s*/, '').replace(/(?<!\s)\s*[)}]$/, ''), '\\').map(
        (w) => processWord(w.raw, '\\', lookup).value,
      );
      const env: Record<string, string> = {};
      while (words.length > 1 && ASSIGNMENT.test(words[0])) {
        const w = words.shift() as string;
        const eq = w.indexOf('=');
        env[w.slice(0, eq)] = w.slice(eq + 1);
      }
      const [name = '', ...args] = words;
      commands.push({
        name,
        args,
        text: trimmed,
        start: lead,
        end: lead + trimmed.length,
        connector: commands.length === 0 ? null : (connector ?? ';'),
        env,
        nested: depth > 0 || /^(if|then|else|elif|do|for|while|case)$/.test(name),
        redirects: [],
        heredocs: [],
      });
      connector = null;
    }
    if (next !== null) connector = next;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    const two = source.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      flush(i, two);
      start = i + 2;
      i++;
    } else if (c === '&' && (source[i - 1] === '>' || source[i - 1] === '<' || source[i + 1] === '>')) {
      continue; // 2>&1, &>file
    } else if (c === ';' || c === '\n' || c === '|' || c === '&') {
      flush(i, c === '\n' ? ';' : (c as Connector));
      start = i + 1;
    }
  }
  flush(source.length, null);
  return commands;
}
