// ENV, ARG and LABEL: key=value pairs, resolved with the variables in scope; ENV and ARG update it.
import type { Instruction, KeyValue } from '../../model';
import { parsePairs, processWord } from '../variables';
import { AUTOMATIC_ARGS, at } from '../walk';
import type { Interpretation } from '../interpretation';

export function interpretEnv(c: Interpretation): Instruction {
  const { raw, lines, escape, state, errors, topLevel, keyword, argsAfterFlags, expand, base } = c;
  const { pairs, legacy } = parsePairs(argsAfterFlags, escape, true);
  const display: string[] = [];
  const kv: KeyValue[] = pairs.map((p) => {
    if (p.value === null) {
      display.push('');
      return { key: p.key, value: null, resolved: null };
    }
    const r = expand(p.value);
    display.push(r.value);
    return { key: p.key, value: unquote(p.value, escape), resolved: r.unresolved ? null : r.value };
  });
  for (const p of kv) {
    if (!p.key || p.value === null) {
      errors.push(at(raw.keywordSpan, lines, 'ENV needs a name and a value: `ENV NAME=value`.'));
      break;
    }
  }
  if (topLevel && state.stage) {
    kv.forEach((p, i) => {
      if (!p.key || !state.stage) return;
      state.stage.env.set(p.key, p.resolved);
      state.stage.envDisplay.set(p.key, display[i]);
    });
  }
  return { ...base, keyword: 'ENV', pairs: kv, legacyForm: legacy };
}

export function interpretArg(c: Interpretation): Instruction {
  const { escape, state, topLevel, keyword, argsAfterFlags, expand, base } = c;
  const { pairs } = parsePairs(argsAfterFlags, escape, false);
  const kv: KeyValue[] = pairs.map((p) => {
    if (p.value === null) {
      // `ARG X` in a stage picks up the global default of X.
      const inherited = state.stage ? state.global.get(p.key) : undefined;
      const auto = state.stage && p.key in AUTOMATIC_ARGS ? AUTOMATIC_ARGS[p.key] : undefined;
      const resolved = inherited ?? auto ?? null;
      return { key: p.key, value: null, resolved };
    }
    const r = expand(p.value);
    return { key: p.key, value: unquote(p.value, escape), resolved: r.unresolved ? null : r.value };
  });
  if (topLevel) {
    for (const p of kv) {
      if (!p.key) continue;
      if (state.stage) state.stage.args.set(p.key, p.resolved);
      else state.global.set(p.key, p.resolved);
    }
  }
  return { ...base, keyword: 'ARG', pairs: kv };
}

export function interpretLabel(c: Interpretation): Instruction {
  const { escape, keyword, argsAfterFlags, expand, base } = c;
  const { pairs } = parsePairs(argsAfterFlags, escape, true);
  const kv: KeyValue[] = pairs.map((p) => {
    if (p.value === null) return { key: unquote(p.key, escape), value: null, resolved: null };
    const r = expand(p.value);
    return {
      key: unquote(p.key, escape),
      value: unquote(p.value, escape),
      resolved: r.unresolved ? null : r.value,
    };
  });
  return { ...base, keyword: 'LABEL', pairs: kv };
}

/** The value as written, without its quotes and escapes; `${A:-b}` stays `${A:-b}` (not `b`). */
export function unquote(value: string, escape: string): string {
  return processWord(value, escape, () => undefined, { keepVariables: true }).value;
}
