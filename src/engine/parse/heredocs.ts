// Heredocs in RUN, COPY and ADD (`<<EOF`, `<<-EOF`, `<<'EOF'`, `<<"EOF"`, several per line): the
// markers are found in the instruction's first logical line, the bodies in the lines after it.
import type { Heredoc, Instruction, ShellScript } from '../model';
import type { LineTable } from './text';

export interface HeredocMarker {
  name: string;
  stripTabs: boolean;
  quoted: boolean;
  /** Offsets of the marker (`<<-"EOF"`) in the logical text. */
  start: number;
  end: number;
}

/** Finds heredoc markers outside quotes. `<<<` (here-strings) and `<< EOF` (space) are not heredocs. */
export function findHeredocMarkers(text: string, escape: string): HeredocMarker[] {
  const markers: HeredocMarker[] = [];
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === escape && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === escape) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    if (c !== '<' || text[i + 1] !== '<' || text[i + 2] === '<' || (i > 0 && text[i - 1] === '<')) continue;
    let j = i + 2;
    const stripTabs = text[j] === '-';
    if (stripTabs) j++;
    let quoted = false;
    let q: string | null = null;
    if (text[j] === '"' || text[j] === "'") {
      q = text[j];
      quoted = true;
      j++;
    } else if (text[j] === escape) {
      quoted = true;
      j++;
    }
    const nameStart = j;
    while (j < text.length && /[A-Za-z0-9_.\-]/.test(text[j])) j++;
    const name = text.slice(nameStart, j);
    if (name === '' || /^-/.test(name)) continue;
    if (q) {
      if (text[j] !== q) continue;
      j++;
    }
    markers.push({ name, stripTabs, quoted, start: i, end: j });
    i = j - 1;
  }
  return markers;
}

export interface HeredocScan {
  heredocs: Heredoc[];
  /** 0-based index of the last line used by the bodies (the last terminator, or the end). */
  lastLine: number;
  /** Offset just past the last body line (or terminator). */
  end: number;
  /** Markers whose terminator line never came. */
  unterminated: HeredocMarker[];
  /** The original text of the body lines, terminators included (for shell parsing). */
  rawBodies: string;
}

/** Reads the bodies of the markers, in order, starting on line `firstLine` (0-based). */
export function scanHeredocBodies(
  lines: LineTable,
  markers: HeredocMarker[],
  firstLine: number,
): HeredocScan {
  const heredocs: Heredoc[] = [];
  const unterminated: HeredocMarker[] = [];
  let line = firstLine;
  let end = firstLine > 0 ? lines.ends[Math.min(firstLine, lines.count) - 1] : 0;
  let lastLine = firstLine - 1;
  const bodyStart = firstLine < lines.count ? lines.starts[firstLine] : lines.text.length;
  for (const m of markers) {
    const startLine = line;
    const contentLines: string[] = [];
    let terminated = false;
    while (line < lines.count) {
      const content = lines.line(line);
      const candidate = m.stripTabs ? content.replace(/^\t+/, '') : content;
      if (candidate === m.name) {
        terminated = true;
        break;
      }
      contentLines.push(m.stripTabs ? candidate : content);
      line++;
    }
    if (!terminated && line >= lines.count && startLine >= lines.count) {
      unterminated.push(m);
      heredocs.push({
        name: m.name,
        content: '',
        stripTabs: m.stripTabs,
        quoted: m.quoted,
        span: emptySpan(lines, end),
      });
      continue;
    }
    const spanStart = startLine < lines.count ? lines.starts[startLine] : lines.text.length;
    const lastUsed = terminated ? line : lines.count - 1;
    const spanEnd = lines.ends[lastUsed];
    const content = contentLines.length > 0 ? contentLines.join('\n') + '\n' : '';
    heredocs.push({
      name: m.name,
      content,
      stripTabs: m.stripTabs,
      quoted: m.quoted,
      span: { line: startLine + 1, endLine: lastUsed + 1, start: spanStart, end: spanEnd },
    });
    if (!terminated) unterminated.push(m);
    end = spanEnd;
    lastLine = lastUsed;
    line = lastUsed + 1;
  }
  const rawBodies = lastLine >= firstLine ? lines.text.slice(bodyStart, end) : '';
  return { heredocs, lastLine: Math.max(lastLine, firstLine - 1), end, unterminated, rawBodies };
}

function emptySpan(lines: LineTable, at: number) {
  const l = lines.lineOf(at) + 1;
  return { line: l, endLine: l, start: at, end: at };
}

/**
 * Heredoc markers become same-length input redirects (`<<EOF` → `< EOF`) for tree-sitter, whose
 * bash grammar cannot read two heredocs on one line; the bodies (already read) are then attached
 * to the innermost command around each marker.
 */
export function maskHeredocMarkers(text: string, markers: HeredocMarker[], shift: number): string {
  let out = text;
  for (const m of markers) {
    const at = m.start - shift;
    if (at < 0 || at + 2 > out.length) continue;
    const dash = out[at + 2] === '-' ? 1 : 0;
    out = `${out.slice(0, at)}<${' '.repeat(1 + dash)}${out.slice(at + 2 + dash)}`;
  }
  return out;
}

export function attachHeredocs(
  script: ShellScript,
  markers: HeredocMarker[],
  heredocs: Instruction['heredocs'],
  shift: number,
  original: string,
): void {
  script.source = original;
  markers.forEach((m, k) => {
    const at = m.start - shift;
    let owner: ShellScript['commands'][number] | null = null;
    for (const cmd of script.commands) {
      if (cmd.start <= at && at < cmd.end && (!owner || cmd.end - cmd.start <= owner.end - owner.start))
        owner = cmd;
    }
    if (!owner) {
      // The marker follows its command (tree-sitter may hang the redirect on an enclosing list).
      for (const cmd of script.commands)
        if (cmd.start <= at && (!owner || cmd.start >= owner.start)) owner = cmd;
    }
    if (!owner) owner = script.commands.find((c) => c.start >= at) ?? null;
    if (!owner) return;
    owner.heredocs.push(heredocs[k]?.content ?? '');
    const redirect = owner.redirects.find((r) => r.op === '<' && r.target === m.name);
    if (redirect) redirect.op = m.stripTabs ? '<<-' : '<<';
    else owner.redirects.push({ op: m.stripTabs ? '<<-' : '<<', target: m.name });
    owner.text = original.slice(owner.start, owner.end);
  });
}
