// Instruction flags (`--from=build`, `--mount=type=cache,target=/root/.cache`, `--link`, ...).
import type { Flag, Mount } from '../model';
import { processWord, rawWords } from './variables';
import type { Lookup } from './variables';
import { toOriginal } from './text';
import type { LineTable, LogicalText } from './text';

export interface FlagScan {
  flags: Flag[];
  /** Offset in the (trimmed) arguments text where the flags end. */
  rest: number;
}

/**
 * Reads the flags at the start of `args` (the trimmed argument text, which starts at `argsAt` in
 * the logical line). Flag values keep their text with quotes removed; variables are not expanded.
 */
export function scanFlags(
  args: string,
  escape: string,
  lines: LineTable,
  logical: LogicalText,
  argsAt: number,
): FlagScan {
  const flags: Flag[] = [];
  let rest = 0;
  for (const w of rawWords(args, escape)) {
    if (!w.raw.startsWith('--') || w.raw.length < 3) break;
    const eq = w.raw.indexOf('=');
    const name = (eq < 0 ? w.raw.slice(2) : w.raw.slice(2, eq)).toLowerCase();
    const value = eq < 0 ? null : processWord(w.raw.slice(eq + 1), escape, () => undefined).value;
    const start = toOriginal(logical, argsAt + w.start);
    const end = toOriginal(logical, argsAt + w.end - 1) + 1;
    flags.push({ name, value, span: lines.span(start, end) });
    rest = w.end;
  }
  while (rest < args.length && /\s/.test(args[rest])) rest++;
  return { flags, rest };
}

/** Splits a comma-separated flag value, honouring double quotes (`target="/a,b"`). */
function splitCsv(value: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote = false;
  for (const c of value) {
    if (c === '"') quote = !quote;
    else if (c === ',' && !quote) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out.filter((p) => p !== '');
}

/** Parses a `--mount` value; variables in it are expanded where known. */
export function parseMount(value: string, escape: string, lookup: Lookup): Mount {
  const options: Record<string, string> = {};
  for (const part of splitCsv(value)) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const raw = eq < 0 ? 'true' : part.slice(eq + 1);
    options[key] = processWord(raw, escape, lookup).value;
  }
  const pick = (...keys: string[]) => {
    for (const k of keys) if (options[k] !== undefined) return options[k];
    return null;
  };
  return {
    type: options.type ?? 'bind',
    target: pick('target', 'dst', 'destination'),
    id: pick('id'),
    source: pick('source', 'src'),
    from: pick('from'),
    options,
  };
}
