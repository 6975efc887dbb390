// One analysis's measurements of edited texts. The savings pass (rules/run.ts) and the rewriter
// parse and estimate the same fixed texts: each text is parsed once and estimated once per options
// object. A Measurements lives for one analysis and is never shared between analyses, so nothing
// measured for one text can reach another text's result; the models and estimates it hands out are
// read by their callers, never changed.
import type { DockerfileModel } from './model';
import type { ResolvedOptions } from './options';
import type { Estimate } from './types';
import { parseDockerfile } from './parse';
import { estimateImage } from './size';

export interface Measurements {
  parse(text: string): DockerfileModel;
  estimate(text: string, opts: ResolvedOptions): Estimate;
}

export function createMeasurements(): Measurements {
  const models = new Map<string, DockerfileModel>();
  const estimates = new Map<ResolvedOptions, Map<string, Estimate>>();
  const parse = (text: string): DockerfileModel => {
    let model = models.get(text);
    if (!model) models.set(text, (model = parseDockerfile(text)));
    return model;
  };
  return {
    parse,
    estimate(text, opts) {
      let byText = estimates.get(opts);
      if (!byText) estimates.set(opts, (byText = new Map()));
      let estimate = byText.get(text);
      if (!estimate) byText.set(text, (estimate = estimateImage(parse(text), opts)));
      return estimate;
    },
  };
}
