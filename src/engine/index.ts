// The engine's public surface (browser and Node alike): analyze() (both phases), analyzeQuick()
// (phase 1) and the schema types.
export { analyze, analyzeQuick, analyzeSync, startAnalysis } from './analyze';
export type { PhasedAnalysis, QuickAnalysis } from './analyze';
export type * from './types';
