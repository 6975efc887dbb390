// The label schema of the lint settings (hadolint's `label-schema`, `strict-labels`): which stages
// must carry the labels, the labels a stage ends up with, and the value types hadolint knows.
import type { DockerfileModel, LabelInstruction, Span, Stage } from '../model';
import parseSpdx from 'spdx-expression-parse';

/** hadolint's label types and the rule id that checks each (text only has to be non-empty). */
export const LABEL_TYPES = {
  text: 'DL3051',
  url: 'DL3052',
  rfc3339: 'DL3053',
  spdx: 'DL3054',
  hash: 'DL3055',
  semver: 'DL3056',
  email: 'DL3058',
} as const;
export type LabelType = keyof typeof LABEL_TYPES;

export interface LabelUse {
  key: string;
  value: string;
  ins: LabelInstruction;
  span: Span;
}

/** Every LABEL key/value written in the file, in order (keys with variables resolved where known). */
export function labelUses(model: DockerfileModel): LabelUse[] {
  const out: LabelUse[] = [];
  for (const ins of model.instructions) {
    if (ins.keyword !== 'LABEL') continue;
    const label = ins as LabelInstruction;
    for (const pair of label.pairs)
      out.push({
        key: pair.key.trim(),
        value: (pair.resolved ?? pair.value ?? '').trim(),
        ins: label,
        span: ins.span,
      });
  }
  return out;
}

/**
 * The stages whose image is a result: no other stage builds on them or copies from them
 * (hadolint checks required labels on each such stage; a stage only used by others need not carry them).
 */
export function resultStages(model: DockerfileModel): Stage[] {
  const used = new Set<number>();
  for (const s of model.stages) for (const d of s.dependsOn) if (d !== s.index) used.add(d);
  return model.stages.filter((s) => !used.has(s.index));
}

/** Label keys a stage's image carries: its own LABELs and those of the stages it is built FROM. */
export function stageLabelKeys(model: DockerfileModel, stage: Stage): Set<string> {
  const keys = new Set<string>();
  const seen = new Set<number>();
  for (let s: Stage | undefined = stage; s && !seen.has(s.index);) {
    seen.add(s.index);
    for (const ins of s.instructions)
      if (ins.keyword === 'LABEL') for (const p of (ins as LabelInstruction).pairs) keys.add(p.key.trim());
    s = 'stage' in s.base ? model.stages[s.base.stage] : undefined;
  }
  return keys;
}

/** The schema's type of a label; unknown type names count as text (the value must not be empty). */
export function labelType(name: string): LabelType {
  const t = name.trim().toLowerCase();
  return t in LABEL_TYPES ? (t as LabelType) : 'text';
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
const EMAIL = /^[^\s@<>()[\],;:"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/;
const URL_WITH_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;
const GIT_HASH = /^([0-9a-fA-F]{7}|[0-9a-fA-F]{40})$/;

/** Whether a non-empty value fits its type. */
export function valueFits(type: LabelType, value: string): boolean {
  switch (type) {
    case 'text':
      return true;
    case 'url':
      return URL_WITH_SCHEME.test(value);
    case 'rfc3339':
      return RFC3339.test(value) && !Number.isNaN(Date.parse(value.replace(' ', 'T')));
    case 'spdx':
      try {
        parseSpdx(value);
        return true;
      } catch {
        return false;
      }
    case 'hash':
      return GIT_HASH.test(value);
    case 'semver':
      return SEMVER.test(value);
    case 'email':
      return EMAIL.test(value);
  }
}

/** How each type is named in messages. */
export const TYPE_WORDS: Record<LabelType, string> = {
  text: 'a value',
  url: 'a URL',
  rfc3339: 'an RFC 3339 date and time',
  spdx: 'an SPDX license expression',
  hash: 'a git commit hash (7 or 40 hex digits)',
  semver: 'a semantic version',
  email: 'an e-mail address',
};
