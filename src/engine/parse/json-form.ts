// The JSON (exec) form of an instruction's arguments.

/** A JSON array of strings, or null. */
export function parseJsonForm(text: string): string[] | null {
  const t = text.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return null;
  try {
    const parsed: unknown = JSON.parse(t);
    if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed as string[];
  } catch {
    return null;
  }
  return null;
}

export function looksLikeJson(text: string): boolean {
  const t = text.trim();
  return t.startsWith('[') && t.endsWith(']') && /["']/.test(t);
}
