// HEALTHCHECK: NONE or CMD with a command in shell or JSON form.
import type { Instruction } from '../../model';
import { rawWords } from '../variables';
import { parseJsonForm } from '../json-form';
import { at } from '../walk';
import type { Interpretation } from '../interpretation';

export function interpretHealthcheck(c: Interpretation): Instruction {
  const { raw, lines, escape, errors, keyword, argsAfterFlags, json, base } = c;
  const words = rawWords(argsAfterFlags, escape);
  const sub = words[0]?.raw.toUpperCase() ?? '';
  let command: string[] | null = null;
  let hcForm: Instruction['form'] = 'none';
  let hcJson: string[] | null = null;
  if (sub === 'CMD') {
    const rest = argsAfterFlags.slice(words[0].end).trim();
    hcJson = parseJsonForm(rest);
    hcForm = hcJson ? 'json' : 'shell';
    command = hcJson ? ['CMD', ...hcJson] : ['CMD-SHELL', rest];
    if (rest === '') errors.push(at(raw.keywordSpan, lines, 'HEALTHCHECK CMD needs a command to run.'));
  } else if (sub !== 'NONE' && sub !== '') {
    errors.push(at(raw.keywordSpan, lines, 'HEALTHCHECK takes `NONE` or `CMD <command>`.'));
  }
  return { ...base, keyword: 'HEALTHCHECK', form: hcForm, json: hcJson, none: sub === 'NONE', command };
}
