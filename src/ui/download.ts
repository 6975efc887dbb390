// Saving a text as a file with exactly the given name. The type is application/octet-stream: with
// text/plain, Chromium appends ".txt" to a name without an extension ("Dockerfile.txt").
export function downloadText(text: string | Uint8Array<ArrayBuffer>, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by then; the URL is only needed for the click.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
