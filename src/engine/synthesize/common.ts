// Shared pieces of the multi-stage synthesizers: reading what a single-stage Dockerfile reveals
// (base image and version, the app folder, the commands, what the final image promises) and
// writing the builder and runtime stages. Pure functions over the parsed model; no text parsing
// beyond splitting image references and simple paths.
// Split by topic; this module re-exports them all so each synthesizer imports from one place.
import type { PromiseKey } from '../promises';

export interface SynthesisResult {
  text: string;
  ecosystem: string;
  caveats: string[];
  explanation: string;
  /** What the final image promises that the synthesis changes knowingly (its caveats say how). */
  changes?: PromiseKey[];
  /** Why the synthesis cannot be shown safe (the step is then withheld with this reason). */
  withheld?: string;
}

export * from './images';
export * from './stage-facts';
export * from './writing';
export * from './os-packages';
export * from './carried-runs';
export * from './builder';
