// The engine's public surface (browser and Node alike): analyze() and the schema types.
export { analyze, analyzeSync } from './analyze';
export type * from './types';
