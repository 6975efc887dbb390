// base64url (RFC 4648 §5) without padding, written out so that decoding is strict: any character
// outside the alphabet, or an impossible length, is reported instead of silently skipped (atob
// ignores whitespace and accepts padding anywhere, which would hide a damaged link).

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function encodeBase64Url(bytes: Uint8Array): string {
  const out: string[] = [];
  let chunk = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    chunk += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
    if (chunk.length >= 8192) {
      out.push(chunk);
      chunk = '';
    }
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    chunk += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    chunk += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63];
  }
  out.push(chunk);
  return out.join('');
}

/** The decoded bytes, or the index of the first character that is not base64url (-1: bad length). */
export function decodeBase64Url(text: string): { ok: true; bytes: Uint8Array } | { ok: false; at: number } {
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? LOOKUP[c] : -1;
    if (v < 0) return { ok: false, at: i };
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[o++] = (acc >> bits) & 0xff;
    }
    acc &= 0xff; // keep the accumulator small; at most 14 bits are ever needed
  }
  // Checked after the characters, so that a wrong character is reported as such.
  if (text.length % 4 === 1) return { ok: false, at: -1 };
  return { ok: true, bytes: o === bytes.length ? bytes : bytes.subarray(0, o) };
}
