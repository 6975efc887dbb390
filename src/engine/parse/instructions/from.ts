// FROM: the image, the stage name and platform (resolved with the global ARGs); starts a stage.
import type { FromInstruction, Instruction } from '../../model';
import { processWord, rawWords } from '../variables';
import { at, startStage } from '../walk';
import type { Interpretation } from '../interpretation';

export function interpretFrom(c: Interpretation): Instruction {
  const { raw, lines, escape, state, errors, topLevel, keyword, argsAfterFlags, flagValue, base } = c;
  const words = rawWords(argsAfterFlags, escape);
  const image = words[0]?.raw ?? '';
  let stageName: string | null = null;
  if (words.length >= 2) {
    if (words[1].raw.toLowerCase() === 'as' && words.length >= 3) stageName = words[2].raw;
    else
      errors.push(
        at(
          raw.keywordSpan,
          lines,
          'FROM takes an image and optionally `AS name`, e.g. `FROM node:22 AS build`.',
        ),
      );
    if (words.length > 3) errors.push(at(raw.keywordSpan, lines, 'FROM has extra words after `AS name`.'));
  }
  const globalLookup = state.globalLookup;
  const resolved = image ? processWord(image, escape, globalLookup) : { value: '', unresolved: true };
  const platformRaw = flagValue('platform');
  const platform =
    platformRaw === undefined || platformRaw === null
      ? null
      : processWord(platformRaw, escape, globalLookup).value;
  const from: FromInstruction = {
    ...base,
    keyword: 'FROM',
    stage: state.stages.length,
    image,
    resolvedImage: resolved.unresolved || !image ? null : resolved.value,
    stageName,
    platform,
  };
  if (topLevel) startStage(from, state);
  return from;
}
