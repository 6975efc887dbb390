// Monaco, self-hosted and minimal. This module is only ever loaded with a dynamic import(), so the
// ~0.7 MB (gzip) editor never blocks the first paint. Only the pieces the playground uses are
// imported: the core API, the Dockerfile tokenizer, the diff editor, hovers (marker explanations),
// code actions (quick fixes), Ctrl+M (Tab moves focus: no keyboard trap), F8 (next problem), find,
// and the codicon font (the core API alone ships no @font-face).
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/definitions/dockerfile/register';
import 'monaco-editor/features/diffEditor/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/codicon/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

export { monaco };
export type Monaco = typeof monaco;

// Monaco's diff editor computes in its worker; when a computation outlives the models it was for
// (the Rewrite tab closed, the layout or the rewrite changed meanwhile), Monaco rejects it with
// "no diff result available" from an async task nobody awaits. The diff is recomputed for the
// current models anyway, so that one rejection is a cancellation, not an error: drop it, and only it.
const STALE_DIFF = 'no diff result available';
addEventListener('unhandledrejection', (event) => {
  const reason: unknown = event.reason;
  if (reason instanceof Error && reason.message === STALE_DIFF) event.preventDefault();
});

// Monaco keeps "Tab moves focus" (Ctrl+M) in one internal switch and exposes no event for it; the
// page shows the mode next to the editor, so it listens to that switch (monaco-editor is pinned).
export { TabFocus } from 'monaco-editor/editor/browser/config/tabFocus.js';
