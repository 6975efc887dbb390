// Monaco's internal "Tab moves focus" switch (src/ui/monaco.ts re-exports it; no types shipped).
declare module 'monaco-editor/editor/browser/config/tabFocus.js' {
  export const TabFocus: {
    getTabFocusMode(): boolean;
    onDidChangeTabFocus(listener: (tabFocusMode: boolean) => void): { dispose(): void };
  };
}
