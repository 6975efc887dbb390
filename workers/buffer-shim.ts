// dockerfile-ast calls Node's `Buffer.from(text)` once (to detect a UTF-8 BOM). Browsers and
// workers have no Buffer: provide the one method it needs. Imported before anything else.
const g = globalThis as { Buffer?: unknown };
g.Buffer ??= { from: (text: string) => new TextEncoder().encode(text) };
export {};
