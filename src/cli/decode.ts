// Files are read as bytes and decoded as UTF-8 with replacement: a few invalid bytes (a Latin-1
// comment, a stray byte) must not reject a whole Dockerfile (issue 20). Where they were is
// reported, so the user can fix the file.

export interface Decoded {
  text: string;
  /** Invalid byte sequences, each replaced by U+FFFD, with where they are in the decoded text. */
  invalid: { line: number; column: number }[];
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { text: strict.decode(bytes), invalid: [] };
  } catch {
    // Invalid somewhere: decode with replacement, then find the replacements the decoder made (a
    // U+FFFD written as its own UTF-8 bytes, EF BF BD, was valid and is not reported).
    const text = lenient.decode(bytes);
    const invalid: Decoded['invalid'] = [];
    let line = 1;
    let lineStart = 0;
    let byte = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.codePointAt(i)!;
      if (code === 0xfffd && !(bytes[byte] === 0xef && bytes[byte + 1] === 0xbf && bytes[byte + 2] === 0xbd))
        invalid.push({ line, column: i - lineStart + 1 });
      if (code === 10) {
        line++;
        lineStart = i + 1;
      }
      byte += invalidLength(bytes, byte, code);
      if (code > 0xffff) i++;
    }
    return { text, invalid };
  }
}

/** How many input bytes produced the code point at `byte` (for a replacement: the bad sequence). */
function invalidLength(bytes: Uint8Array, byte: number, code: number): number {
  if (code !== 0xfffd || (bytes[byte] === 0xef && bytes[byte + 1] === 0xbf && bytes[byte + 2] === 0xbd))
    return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  // The decoder replaces a maximal subpart of an ill-formed sequence (WHATWG): a lead byte and the
  // continuation bytes that were valid for it, or one stray byte.
  const lead = bytes[byte];
  const need =
    lead >= 0xf0 && lead <= 0xf4
      ? 3
      : lead >= 0xe0 && lead <= 0xef
        ? 2
        : lead >= 0xc2 && lead <= 0xdf
          ? 1
          : 0;
  let n = 1;
  while (n <= need && byte + n < bytes.length && validContinuation(lead, n, bytes[byte + n])) n++;
  return n;
}

function validContinuation(lead: number, position: number, b: number): boolean {
  if (position === 1) {
    if (lead === 0xe0) return b >= 0xa0 && b <= 0xbf;
    if (lead === 0xed) return b >= 0x80 && b <= 0x9f;
    if (lead === 0xf0) return b >= 0x90 && b <= 0xbf;
    if (lead === 0xf4) return b >= 0x80 && b <= 0x8f;
  }
  return b >= 0x80 && b <= 0xbf;
}

/** "3 invalid UTF-8 byte sequences (line 2 column 5, line 9 column 1, ...)". */
export function describeInvalid(invalid: Decoded['invalid']): string {
  const shown = invalid
    .slice(0, 5)
    .map((p) => `line ${p.line} column ${p.column}`)
    .join(', ');
  const more = invalid.length > 5 ? `, and ${invalid.length - 5} more` : '';
  const n = invalid.length;
  return `${n} invalid UTF-8 byte sequence${n === 1 ? '' : 's'} (${shown}${more}), each read as U+FFFD`;
}
