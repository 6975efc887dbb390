// Multi-stage synthesis: from a single-stage Dockerfile, a builder stage (the original image and
// commands, dependency manifests first) and a minimal runtime stage of the same language version
// that receives only what the app needs. One file per ecosystem; this one recognises the
// ecosystem and dispatches. Returns null when the file is already multi-stage, already small, or
// nothing is recognised — never a guess.
import type { DockerfileModel } from '../model';
import { singleStageFacts, type StageFacts, type SynthesisResult } from './common';
import { synthesizeNode } from './node';
import { synthesizeStatic } from './static';
import { synthesizeGo } from './go';
import { synthesizeRust } from './rust';
import { synthesizePython } from './python';
import { synthesizeJava } from './java';
import { synthesizeDotnet } from './dotnet';
import { synthesizePhp } from './php';
import { synthesizeCpp } from './cpp';

export type { SynthesisResult } from './common';

type Synthesizer = (facts: StageFacts) => SynthesisResult | null;

/** Tried in order; the first that recognises the Dockerfile wins (static before node). */
const SYNTHESIZERS: Synthesizer[] = [
  synthesizeGo,
  synthesizeRust,
  synthesizeJava,
  synthesizeDotnet,
  synthesizeStatic,
  synthesizeNode,
  synthesizePython,
  synthesizePhp,
  synthesizeCpp,
];

export function synthesizeMultiStage(model: DockerfileModel): SynthesisResult | null {
  try {
    // The synthesized text writes `\` continuations: files using the backtick escape are left alone.
    if (model.syntaxErrors.length || model.directives.escape !== '\\') return null;
    const facts = singleStageFacts(model);
    if (!facts) return null;
    for (const s of SYNTHESIZERS) {
      const result = s(facts);
      if (!result) continue;
      // One line ending throughout, the file's own.
      let text = result.text.replace(/\r\n/g, '\n');
      if (model.text.includes('\r\n')) text = text.replace(/\n/g, '\r\n');
      return { ...result, text };
    }
    return null;
  } catch {
    // A synthesizer meeting a model it did not expect offers nothing rather than failing analysis.
    return null;
  }
}
