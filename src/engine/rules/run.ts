// TEMPORARY stub: replaced by the rules runner (issue 5).
import type { DockerfileModel } from '../model';
import type { ResolvedOptions } from '../options';
import type { Estimate, Finding } from '../types';
import type { Fix, Rule } from './types';
export interface RuleOutcome { finding: Finding; fix: Fix | null; rule: Rule }
export function runRules(_model: DockerfileModel, _opts: ResolvedOptions, _estimate: Estimate): RuleOutcome[] { return []; }
