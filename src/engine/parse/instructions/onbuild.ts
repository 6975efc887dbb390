// ONBUILD: its trigger is read and interpreted like an instruction that changes no stage state.
import type { Instruction as AstInstruction } from 'dockerfile-ast';
import type { Instruction } from '../../model';
import { readInstruction } from '../read';
import { at } from '../walk';
import type { Interpretation } from '../interpretation';

export function interpretOnbuild(c: Interpretation): Instruction {
  const { raw, lines, escape, errors, hasContent, base } = c;
  let trigger: Instruction | null = null;
  try {
    const node = (
      raw.ast as unknown as { getTriggerInstruction(): AstInstruction | null }
    ).getTriggerInstruction();
    if (node) {
      const triggerRaw = readInstruction(node, lines, escape, [], -1);
      if (triggerRaw) {
        const kw = triggerRaw.keyword;
        if (kw === 'ONBUILD' || kw === 'FROM' || kw === 'MAINTAINER') {
          errors.push(at(triggerRaw.keywordSpan, lines, `ONBUILD cannot trigger ${kw}.`));
        }
        trigger = c.interpretTrigger(triggerRaw);
      }
    }
  } catch {
    trigger = null;
  }
  if (!trigger && hasContent)
    errors.push(at(raw.keywordSpan, lines, 'ONBUILD needs an instruction to trigger.'));
  else if (!hasContent)
    errors.push(
      at(raw.keywordSpan, lines, 'ONBUILD needs an instruction to trigger, e.g. `ONBUILD COPY . /app`.'),
    );
  return { ...base, keyword: 'ONBUILD', trigger };
}
