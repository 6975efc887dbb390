// The lint settings people already keep in `.hadolint.yaml`: ignored rules, severity overrides,
// trusted registries, label schema, failure threshold. Read with a small YAML subset parser (block
// maps, block and flow lists of scalars, comments): enough for hadolint's documented format,
// without a YAML package in the worker bundle.
import type { LintSettings } from '../types';

type Yaml = string | Yaml[] | { [key: string]: Yaml };

export interface ConfigResult {
  settings: LintSettings;
  /** Problems worth telling the user (unknown keys, malformed lines); the rest is still applied. */
  warnings: string[];
}

const SEVERITIES = ['error', 'warning', 'info', 'style'] as const;
const THRESHOLDS = [...SEVERITIES, 'ignore', 'none'] as const;

/** Parses `.hadolint.yaml` text; never throws. */
export function parseHadolintConfig(text: string): ConfigResult {
  const warnings: string[] = [];
  const lines = text
    .split(/\r?\n/)
    .map((raw, i) => ({
      n: i + 1,
      indent: raw.length - raw.trimStart().length,
      text: stripComment(raw).trim(),
    }))
    .filter((l) => l.text !== '' && l.text !== '---');
  const pos = { i: 0 };
  const root = parseBlock(lines, pos, 0, warnings);
  const settings: LintSettings = {};
  if (typeof root !== 'object' || Array.isArray(root)) {
    if (lines.length) warnings.push('The configuration is not a map of settings; it was ignored.');
    return { settings, warnings };
  }
  for (const [key, value] of Object.entries(root)) {
    switch (key) {
      case 'ignored':
        settings.ignored = list(value);
        break;
      case 'trustedRegistries':
        settings.trustedRegistries = list(value);
        break;
      case 'override':
        if (typeof value === 'object' && !Array.isArray(value)) {
          settings.override = {};
          for (const s of SEVERITIES) if (value[s] !== undefined) settings.override[s] = list(value[s]);
        }
        break;
      case 'failure-threshold': {
        const v = String(value).toLowerCase();
        if ((THRESHOLDS as readonly string[]).includes(v))
          settings.failureThreshold = v as LintSettings['failureThreshold'];
        else warnings.push(`failure-threshold "${v}" is not one of ${THRESHOLDS.join(', ')}.`);
        break;
      }
      case 'label-schema':
        if (typeof value === 'object' && !Array.isArray(value))
          settings.labelSchema = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
        break;
      case 'strict-labels':
        settings.strictLabels = String(value) === 'true';
        break;
      case 'no-fail':
      case 'no-color':
      case 'format':
      case 'disable-ignore-pragma':
        break; // command-line presentation settings: not the engine's business
      default:
        warnings.push(`Unknown setting "${key}" in the configuration; it was ignored.`);
    }
  }
  return { settings, warnings };
}

interface Line {
  n: number;
  indent: number;
  text: string;
}

function parseBlock(lines: Line[], pos: { i: number }, indent: number, warnings: string[]): Yaml {
  const first = lines[pos.i];
  if (!first || first.indent < indent) return '';
  if (first.text.startsWith('- ') || first.text === '-') {
    const out: Yaml[] = [];
    while (
      pos.i < lines.length &&
      lines[pos.i].indent === first.indent &&
      lines[pos.i].text.startsWith('-')
    ) {
      out.push(scalar(lines[pos.i].text.slice(1).trim()));
      pos.i++;
    }
    return out;
  }
  const out: { [key: string]: Yaml } = {};
  while (pos.i < lines.length && lines[pos.i].indent === first.indent) {
    const line = lines[pos.i];
    const m = /^("[^"]*"|'[^']*'|[^:]+):(?:\s+(.*))?$/.exec(line.text);
    pos.i++;
    if (!m) {
      warnings.push(`Line ${line.n} of the configuration could not be read: ${line.text}`);
      continue;
    }
    const key = unquote(m[1].trim());
    const rest = (m[2] ?? '').trim();
    if (rest !== '') out[key] = rest.startsWith('[') ? flowList(rest) : scalar(rest);
    else if (pos.i < lines.length && lines[pos.i].indent > line.indent)
      out[key] = parseBlock(lines, pos, lines[pos.i].indent, warnings);
    else if (pos.i < lines.length && lines[pos.i].indent === line.indent && lines[pos.i].text.startsWith('-'))
      out[key] = parseBlock(lines, pos, line.indent, warnings); // a list at the key's own indent
    else out[key] = '';
  }
  return out;
}

function flowList(text: string): Yaml[] {
  return text
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((s) => scalar(s.trim()))
    .filter((s) => s !== '');
}

function scalar(text: string): string {
  return unquote(text.trim());
}

function unquote(text: string): string {
  return /^(".*"|'.*')$/.test(text) ? text.slice(1, -1) : text;
}

function list(value: Yaml): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
  }
  return line;
}

/** The settings as `.hadolint.yaml` text (the subset parseHadolintConfig reads back). */
export function formatHadolintConfig(settings: LintSettings): string {
  const out: string[] = [];
  const list = (key: string, items: readonly string[] | undefined, indent = '') => {
    if (!items?.length) return;
    out.push(`${indent}${key}:`);
    for (const item of items) out.push(`${indent}  - ${quote(item)}`);
  };
  list('ignored', settings.ignored);
  const override = settings.override ?? {};
  if (SEVERITIES.some((s) => override[s]?.length)) {
    out.push('override:');
    for (const s of SEVERITIES) list(s, override[s], '  ');
  }
  list('trustedRegistries', settings.trustedRegistries);
  const schema = Object.entries(settings.labelSchema ?? {});
  if (schema.length) {
    out.push('label-schema:');
    for (const [key, type] of schema) out.push(`  ${quote(key)}: ${quote(type)}`);
  }
  if (settings.strictLabels) out.push('strict-labels: true');
  if (settings.failureThreshold) out.push(`failure-threshold: ${settings.failureThreshold}`);
  return out.length ? `${out.join('\n')}\n` : '';
}

/** Quotes a scalar when YAML would read it otherwise (`*.example.com`, `a: b`, `#x`). */
function quote(value: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(value) ? value : `"${value.replace(/"/g, '')}"`;
}
