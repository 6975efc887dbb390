// Test hooks the page exposes (read by tests/e2e).
export {};

declare global {
  interface Window {
    /** True once the Monaco editor is created and has painted. */
    __monacoReady?: boolean;
    /** The Monaco editor's current text. */
    __editorText?: () => string;
    /** The typing debounce (ms) before an analysis starts; benchmarks subtract it. */
    __analysisDebounceMs?: number;
  }
}
