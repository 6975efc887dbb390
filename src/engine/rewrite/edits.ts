// Structural edit helpers shared by the rules' fixes and the rewriter: each returns TextEdits on
// the analyzed text (offsets into model.text), or null when the edit is not provably safe. They
// never re-parse; they only use the spans and fields of the model.
import type { DockerfileModel, FromInstruction, Instruction, RunInstruction, Stage } from '../model';
import type { TextEdit } from '../rules/types';

function eolOf(model: DockerfileModel): string {
  return model.text.includes('\r\n') ? '\r\n' : '\n';
}

function lineStart(model: DockerfileModel, offset: number): number {
  let at = offset;
  while (at > 0 && model.text[at - 1] !== '\n') at--;
  return at;
}

/** Offset just past the line break that ends the instruction (or the end of the text). */
function afterLine(model: DockerfileModel, ins: Instruction): number {
  let end = ins.span.end;
  while (end < model.text.length && model.text[end] !== '\n') end++;
  return end < model.text.length ? end + 1 : end;
}

const DIRECTIVE = /^#\s*[A-Za-z_-]+\s*=/;

/**
 * Where text goes to sit right above an instruction: before the comment lines directly above it
 * (so that `# hadolint ignore=` pragmas stay attached to their instruction), but never above the
 * parser directives at the top of the file.
 */
export function insertionPoint(model: DockerfileModel, ins: Instruction): number {
  let at = lineStart(model, ins.span.start);
  const directiveLines = new Set(model.directives.all.map((d) => d.line));
  while (at > 0) {
    const prevStart = lineStart(model, at - 1);
    const line = model.text.slice(prevStart, at).trim();
    if (!line.startsWith('#')) break;
    const lineNo = model.text.slice(0, prevStart).split('\n').length;
    if (directiveLines.has(lineNo) || (prevStart === 0 && DIRECTIVE.test(line))) break;
    at = prevStart;
  }
  return at;
}

/** Inserts lines above an instruction (a line break is added). */
export function insertBefore(model: DockerfileModel, ins: Instruction, text: string): TextEdit {
  const at = insertionPoint(model, ins);
  const nl = eolOf(model);
  return { start: at, end: at, text: text.replace(/\r?\n/g, nl) + nl };
}

/** Inserts lines below an instruction. */
export function insertAfter(model: DockerfileModel, ins: Instruction, text: string): TextEdit {
  const at = afterLine(model, ins);
  const nl = eolOf(model);
  const needsBreak = at === model.text.length && !model.text.endsWith('\n');
  return {
    start: at,
    end: at,
    text: (needsBreak ? nl : '') + text.replace(/\r?\n/g, nl) + (needsBreak ? '' : nl),
  };
}

/** Replaces an instruction's text (continuation lines included) with `text`. */
export function replaceInstruction(model: DockerfileModel, ins: Instruction, text: string): TextEdit {
  return { start: ins.span.start, end: ins.span.end, text: text.replace(/\r?\n/g, eolOf(model)) };
}

/** Removes an instruction and its line break. */
export function removeInstruction(model: DockerfileModel, ins: Instruction): TextEdit {
  return { start: lineStart(model, ins.span.start), end: afterLine(model, ins), text: '' };
}

/** `# syntax=docker/dockerfile:1` at the top (needed for RUN --mount on older builders), or null. */
export function ensureSyntaxDirective(model: DockerfileModel): TextEdit | null {
  if (model.directives.syntax) return null;
  return { start: 0, end: 0, text: '# syntax=docker/dockerfile:1' + eolOf(model) };
}

/** Adds `--mount=<spec>` to a RUN (and the syntax directive when missing). */
export function addRunMount(model: DockerfileModel, run: RunInstruction, spec: string): TextEdit[] | null {
  const at = run.keywordSpan.end;
  const edits: TextEdit[] = [];
  const syntax = ensureSyntaxDirective(model);
  if (syntax) edits.push(syntax);
  edits.push({ start: at, end: at, text: ` --mount=${spec}` });
  return edits;
}

/** `RUN --mount=type=cache,target=<target>[,sharing=locked][,id=..]` (apt needs sharing=locked). */
export function addCacheMount(
  model: DockerfileModel,
  run: RunInstruction,
  target: string,
  opts: { sharing?: 'shared' | 'private' | 'locked'; id?: string } = {},
): TextEdit[] | null {
  if (run.mounts.some((m) => m.type === 'cache' && m.target === target)) return null;
  let spec = `type=cache,target=${target}`;
  if (opts.id) spec += `,id=${opts.id}`;
  if (opts.sharing) spec += `,sharing=${opts.sharing}`;
  return addRunMount(model, run, spec);
}

/** `RUN --mount=type=secret,id=<id>[,target=..|,env=..]`: a secret that never lands in a layer. */
export function addSecretMount(
  model: DockerfileModel,
  run: RunInstruction,
  id: string,
  opts: { target?: string; env?: string; required?: boolean } = {},
): TextEdit[] | null {
  if (run.mounts.some((m) => m.type === 'secret' && m.id === id)) return null;
  let spec = `type=secret,id=${id}`;
  if (opts.target) spec += `,target=${opts.target}`;
  if (opts.env) spec += `,env=${opts.env}`;
  if (opts.required) spec += ',required=true';
  return addRunMount(model, run, spec);
}

/** Replaces the image reference of a FROM (keeps flags and `AS name`). */
export function setFromImage(model: DockerfileModel, from: FromInstruction, image: string): TextEdit | null {
  const at = model.text.indexOf(from.image, from.keywordSpan.end);
  if (at < 0 || at >= from.span.end) return null;
  return { start: at, end: at + from.image.length, text: image };
}

function runSource(model: DockerfileModel, run: RunInstruction): string | null {
  if (run.form !== 'shell' || run.heredocs.length || !run.shell || run.shell.skipped) return null;
  let start = run.keywordSpan.end;
  for (const f of run.flags) start = Math.max(start, f.span.end);
  const body = model.text.slice(start, run.span.end).replace(/^[ \t]+/, '');
  const escape = model.directives.escape;
  const lines = body.split(/\r?\n/);
  // A comment as the last line, or a dangling continuation, would swallow what follows.
  const last = lines[lines.length - 1].trim();
  if (last.startsWith('#') || last.endsWith(escape)) return null;
  return body.trimEnd();
}

/**
 * Merges consecutive RUN instructions of one stage into one, joined with `&&` and line
 * continuations. Null when it would change behaviour or cannot be written safely: anything
 * between them, different flags (mounts, network), JSON form, heredocs, or a `cd`/`export`
 * in an earlier RUN (it would now affect the later commands).
 */
export function mergeRuns(model: DockerfileModel, runs: RunInstruction[]): TextEdit | null {
  if (runs.length < 2) return null;
  const stage = runs[0].stage;
  const flags = (r: RunInstruction) => r.flags.map((f) => `${f.name}=${f.value ?? ''}`).join(' ');
  const bodies: string[] = [];
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k];
    if (r.stage !== stage || flags(r) !== flags(runs[0])) return null;
    if (k > 0 && r.index !== runs[k - 1].index + 1) return null;
    if (k < runs.length - 1) {
      const cmds = r.shell?.commands ?? [];
      if (
        cmds.some(
          (c) =>
            c.name === 'cd' ||
            c.name === 'export' ||
            c.name === 'set' ||
            c.name === 'source' ||
            c.name === '.',
        )
      )
        return null;
      if (cmds.some((c) => c.connector === '&')) return null;
    }
    const body = runSource(model, r);
    if (body === null) return null;
    bodies.push(body);
  }
  const escape = model.directives.escape;
  const nl = eolOf(model);
  const head = model.text.slice(runs[0].span.start, runs[0].keywordSpan.end);
  const flagText = runs[0].flags.map((f) => model.text.slice(f.span.start, f.span.end)).join(' ');
  const text = `${head}${flagText ? ' ' + flagText : ''} ${bodies.join(` && ${escape}${nl}    `)}`;
  return { start: runs[0].span.start, end: runs[runs.length - 1].span.end, text };
}

const RUNTIME_ONLY = new Set([
  'CMD',
  'ENTRYPOINT',
  'EXPOSE',
  'HEALTHCHECK',
  'LABEL',
  'VOLUME',
  'STOPSIGNAL',
  'ENV',
  'ARG',
]);

/** The user lines for a base image: the image's own unprivileged user, or new ones. */
export function nonRootUserLines(image: string): string[] {
  const ref = image.toLowerCase();
  const name =
    ref
      .replace(/[:@][\s\S]*$/, '')
      .split('/')
      .pop() ?? '';
  if (name === 'node' || ref.includes('/node:') || ref.startsWith('node:') || ref === 'node')
    return ['USER node'];
  if (ref.includes('distroless')) return ['USER nonroot:nonroot'];
  if (ref === 'scratch') return ['USER 65532:65532'];
  if (/alpine|busybox/.test(ref) || name === 'alpine')
    return ['RUN addgroup -S app && adduser -S -G app -H -D app', 'USER app'];
  if (/ubi|fedora|centos|rocky|alma|amazonlinux|oraclelinux/.test(ref))
    return ['RUN groupadd --system app && useradd --system --gid app --no-create-home app', 'USER app'];
  return [
    'RUN groupadd --system app && useradd --system --gid app --no-create-home --shell /usr/sbin/nologin app',
    'USER app',
  ];
}

/**
 * Adds an unprivileged user to the final stage, right before its trailing runtime instructions
 * (CMD, ENTRYPOINT, EXPOSE...), so that every RUN still runs as root. Null when the stage already
 * has a USER.
 */
export function addNonRootUser(model: DockerfileModel, stage?: Stage): TextEdit | null {
  const s = stage ?? model.stages.find((x) => x.final) ?? model.stages[model.stages.length - 1];
  if (!s) return null;
  if (s.instructions.some((i) => i.keyword === 'USER')) return null;
  const lines = nonRootUserLines(s.from.resolvedImage ?? s.from.image);
  const list = s.instructions;
  let k = list.length;
  while (k > 1 && RUNTIME_ONLY.has(list[k - 1].keyword)) k--;
  if (k < list.length) return insertBefore(model, list[k], lines.join('\n'));
  return insertAfter(model, list[list.length - 1], lines.join('\n'));
}
