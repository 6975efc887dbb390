// The embed's editor: Monaco, imported only when the reader starts editing, so the first load stays
// small; an editable embed that stays in view prefetches it once the browser is idle, so that "Edit"
// is instant.

export interface EmbedEditorOptions {
  text: string;
  title: string;
  /** Read in an effect: the editor follows the embed's theme, also when the host switches it. */
  dark: () => boolean;
  onchange: (text: string) => void;
}

/** Replaces `host`'s content with a Monaco editor of the text and focuses it. */
export async function openEditor(host: HTMLElement, options: EmbedEditorOptions): Promise<void> {
  const { monaco } = await import('../ui/monaco');
  const themeName = () => (options.dark() ? 'vs-dark' : 'vs');
  const editor = monaco.editor.create(host, {
    value: options.text,
    language: 'dockerfile',
    theme: themeName(),
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 13,
    lineNumbersMinChars: 3,
    wordWrap: 'on',
    ariaLabel: `${options.title}: Dockerfile editor. Press Control+M (Control+Shift+M on macOS) to toggle whether Tab moves focus.`,
  });
  editor.focus();
  editor.onDidChangeModelContent(() => options.onchange(editor.getValue()));
  // The editor lives as long as the page: its theme effect is never torn down.
  $effect.root(() => {
    $effect(() => monaco.editor.setTheme(themeName()));
  });
}

/** After `delayMs` and then an idle moment, fetches Monaco without running anything; returns a cancel. */
export function prefetchEditor(delayMs = 4000): () => void {
  const timer = setTimeout(() => {
    const idle = (window as { requestIdleCallback?: (cb: () => void) => number }).requestIdleCallback;
    (idle ?? ((cb: () => void) => setTimeout(cb, 0)))(() => void import('../ui/monaco').catch(() => {}));
  }, delayMs);
  return () => clearTimeout(timer);
}
