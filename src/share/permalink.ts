// Permalinks: the whole playground state in the URL fragment (never the query string, so it stays out
// of server logs).
//
//   #v1/<base64url(deflate-raw(JSON))>      JSON = { d: dockerfile, o?: options that differ from the
//                                          defaults, r?: rules version, t?: title }
//   #example/<id>                          a built-in example
//
// Decoding never throws and is bounded: the payload length is capped before decoding, inflation
// stops at MAX_INFLATED_BYTES (a few bytes of link cannot expand to gigabytes), and every field is
// checked. A link whose Dockerfile is readable but whose options are not loads the Dockerfile and
// reports the options it dropped, so a damaged option never costs the user their text. The options
// object (`o`) is written and checked by link-options.ts.
//
// Versions: DECODERS maps a format version to its decoder. When the format changes, add `v2` and
// keep `v1` in the table so that every link ever shared keeps opening.
import { deflateSync, Inflate } from 'fflate';
import { RULES_VERSION } from '../engine/version';
import type { AnalyzeOptions } from '../engine/types';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import { diffOptions, readOptions } from './link-options';
import { formatBytes } from '../engine/primitives/bytes';

/** The format written by encodeState. */
export const CURRENT_VERSION = 1;
/** Largest inflated JSON accepted, in bytes. */
export const MAX_INFLATED_BYTES = 1024 * 1024;
/** Largest payload (the base64url text after `v1/`) looked at, in characters. */
export const MAX_PAYLOAD_CHARS = 2 * 1024 * 1024;
/** Largest Dockerfile a link may carry, in UTF-16 code units. */
export const MAX_DOCKERFILE_CHARS = 1_000_000;
export const MAX_TITLE_CHARS = 120;
/** Input bytes handed to the inflater per step; deflate expands at most ~1032:1, so one step
 *  overshoots the cap by at most ~0.5 MB before it is noticed. */
const INFLATE_STEP = 512;

/** What a link carries. */
export interface ShareState {
  dockerfile: string;
  /** Only what differs from the defaults; {} when nothing does. */
  options: AnalyzeOptions;
  /** Optional name, used as the embed's title. */
  title?: string;
}

export type DecodeFailureReason =
  | 'empty'
  | 'not-base64'
  | 'truncated'
  | 'not-deflate'
  | 'too-large'
  | 'not-utf8'
  | 'bad-json'
  | 'bad-shape'
  | 'unsupported-version'
  | 'unknown-format';

export interface DecodeFailure {
  ok: false;
  reason: DecodeFailureReason;
  /** A sentence or two for the person who opened the link: what is wrong and what to do. */
  message: string;
}

export interface DecodeSuccess {
  ok: true;
  state: ShareState;
  /** The format version of the link (1 for `#v1/`). */
  version: number;
  /** The rules version the link was made with, or null when it did not say. */
  rulesVersion: string | null;
  /** True when the link was made with other rules than the current ones: findings may differ. */
  rulesChanged: boolean;
  /** Parts of the link that were dropped because they were damaged (the Dockerfile was kept). */
  warnings: string[];
}

export type DecodeResult = DecodeSuccess | DecodeFailure;

/** What a location fragment holds. */
export type FragmentResult =
  | { kind: 'none' }
  | { kind: 'example'; id: string }
  | ({ kind: 'state' } & DecodeSuccess)
  | ({ kind: 'error' } & DecodeFailure);

// ---------------------------------------------------------------------------------------------
// Encoding

/** The fragment for a state, without the leading '#': `v1/<payload>`. Deterministic: the same state
 *  always gives the same link. */
export function encodeState(state: ShareState): string {
  const json: Record<string, unknown> = { d: state.dockerfile };
  const o = diffOptions(state.options);
  if (o) json.o = o;
  json.r = RULES_VERSION;
  const title = state.title?.trim();
  if (title) json.t = title.slice(0, MAX_TITLE_CHARS);
  const bytes = new TextEncoder().encode(JSON.stringify(json));
  return `v${CURRENT_VERSION}/${encodeBase64Url(deflateSync(bytes, { level: 9, mem: 8 }))}`;
}

/** A full link: `base` (any URL; its fragment is replaced) plus `#v1/<payload>`. */
export function buildPermalink(base: string, state: ShareState): string {
  const hash = base.indexOf('#');
  return `${hash >= 0 ? base.slice(0, hash) : base}#${encodeState(state)}`;
}

// ---------------------------------------------------------------------------------------------
// Decoding

function fail(reason: DecodeFailureReason, message: string): DecodeFailure {
  return { ok: false, reason, message };
}

const MESSAGES = {
  empty:
    'The link has no Dockerfile in it: the part after "#v1/" is empty. It was probably cut off when it was copied.',
  truncated:
    'The link is incomplete: it ends before the Dockerfile does. It was probably cut off when it was copied or sent (chat apps and some mail programs shorten long links). Ask the sender for the full link, or for the Dockerfile as a file.',
  notDeflate:
    'The link is damaged: its data could not be unpacked. Some characters were probably changed or lost when it was copied. Ask the sender for the link again.',
  notUtf8:
    'The link is damaged: it unpacks to something that is not text. Ask the sender for the link again.',
  badJson:
    'The link is damaged: it unpacks, but not to a playground state. Some characters were probably changed when it was copied. Ask the sender for the link again.',
} as const;

/** Inflates raw deflate data, refusing to produce more than `cap` bytes. */
export function boundedInflate(
  data: Uint8Array,
  cap: number = MAX_INFLATED_BYTES,
): { ok: true; bytes: Uint8Array } | DecodeFailure {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    if (over) return;
    total += chunk.length;
    if (total > cap) {
      over = true;
      return;
    }
    if (chunk.length) chunks.push(chunk.slice());
    if (final) done = true;
  });
  try {
    for (let i = 0; i < data.length && !over; i += INFLATE_STEP) {
      const end = Math.min(i + INFLATE_STEP, data.length);
      inflater.push(data.subarray(i, end), end === data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    // fflate error codes: 0 = unexpected end of data; others = invalid data.
    const code = (error as { code?: unknown }).code;
    if (code === 0) return fail('truncated', MESSAGES.truncated);
    return fail('not-deflate', MESSAGES.notDeflate);
  }
  if (over) {
    return fail(
      'too-large',
      `The link unpacks to more than ${formatBytes(cap)}, which is more than any Dockerfile needs, so it was not opened. It may have been made to slow your browser down.`,
    );
  }
  if (!done) return fail('truncated', MESSAGES.truncated);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return { ok: true, bytes: out };
}

/** Decoder of format v1: base64url → deflate-raw → UTF-8 → JSON → checked state. */
function decodeV1(payload: string): DecodeResult {
  if (payload.length === 0) return fail('empty', MESSAGES.empty);
  if (payload.length > MAX_PAYLOAD_CHARS) {
    return fail(
      'too-large',
      `The link is ${payload.length.toLocaleString('en-US')} characters long, more than any Dockerfile needs, so it was not opened.`,
    );
  }
  const decoded = decodeBase64Url(payload);
  if (!decoded.ok) {
    const where =
      decoded.at >= 0
        ? ` Character ${decoded.at + 1} ("${payload[decoded.at]}") cannot appear in a playground link.`
        : ' Its length is impossible for a complete link, so characters were probably lost at the end.';
    return fail(
      decoded.at >= 0 ? 'not-base64' : 'truncated',
      decoded.at >= 0
        ? `The link is damaged: it contains characters that a playground link never has.${where} It may have been changed when it was copied (for example by a chat app or a mail program). Ask the sender for the link again.`
        : `The link is incomplete.${where} Ask the sender for the full link, or for the Dockerfile as a file.`,
    );
  }
  const inflated = boundedInflate(decoded.bytes);
  if (!inflated.ok) return inflated;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
  } catch {
    return fail('not-utf8', MESSAGES.notUtf8);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('bad-json', MESSAGES.badJson);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return fail('bad-json', MESSAGES.badJson);
  const obj = json as Record<string, unknown>;
  if (typeof obj.d !== 'string') {
    return fail(
      'bad-shape',
      'The link opens, but it holds no Dockerfile. Ask the sender for the link again.',
    );
  }
  if (obj.d.length > MAX_DOCKERFILE_CHARS) {
    return fail(
      'too-large',
      `The link holds a ${obj.d.length.toLocaleString('en-US')}-character file, more than the playground opens.`,
    );
  }
  const warnings: string[] = [];
  const options = readOptions(obj.o, warnings);
  let rulesVersion: string | null = null;
  if (obj.r !== undefined) {
    if (typeof obj.r === 'string' && obj.r.length <= 32 && /^[A-Za-z0-9._-]+$/.test(obj.r))
      rulesVersion = obj.r;
    else warnings.push('The link’s rules version was not readable.');
  }
  const state: ShareState = { dockerfile: obj.d, options };
  if (obj.t !== undefined) {
    // Titles end up in page titles and iframe titles: plain text, one line, short.
    if (typeof obj.t === 'string' && obj.t.length <= MAX_TITLE_CHARS * 2) {
      // eslint-disable-next-line no-control-regex
      const title = obj.t
        .replace(/[\u0000-\u001f\u007f]+/g, ' ')
        .trim()
        .slice(0, MAX_TITLE_CHARS);
      if (title) state.title = title;
    } else warnings.push('The link’s title was not valid and was ignored.');
  }
  return {
    ok: true,
    state,
    version: 1,
    rulesVersion,
    rulesChanged: rulesVersion !== RULES_VERSION,
    warnings,
  };
}

/** One decoder per format version. Never remove an entry: links live forever. */
const DECODERS: Record<number, (payload: string) => DecodeResult> = {
  1: decodeV1,
};

/** The versions this build can open. */
export const SUPPORTED_VERSIONS: readonly number[] = Object.keys(DECODERS).map(Number);

/**
 * Decodes `v<N>/<payload>` (a fragment without '#'). Tolerates what copying does to links: spaces
 * and line breaks inside, percent-encoding, and punctuation glued to the end (a closing parenthesis
 * or a full stop from the sentence around the link).
 */
export function decodePermalink(fragment: string): DecodeResult {
  const cleaned = cleanFragment(fragment);
  const match = /^v(\d{1,6})\/?(.*)$/s.exec(cleaned);
  if (!match) {
    return fail('unknown-format', 'This is not a playground link: it does not start with "#v1/".');
  }
  const version = Number(match[1]);
  const decoder = DECODERS[version];
  if (!decoder) {
    const newer = version > Math.max(...SUPPORTED_VERSIONS);
    return fail(
      'unsupported-version',
      newer
        ? `This link was made by a newer version of the playground (link format v${version}; this page reads up to v${Math.max(...SUPPORTED_VERSIONS)}). Reload the page to get the newest version; if it was opened offline, connect and reload.`
        : `This link uses a link format (v${version}) that the playground never had. It was probably changed by hand or damaged when it was copied.`,
    );
  }
  return decoder(match[2]);
}

function cleanFragment(fragment: string): string {
  let s = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (s.length > MAX_PAYLOAD_CHARS + 64) return s; // too long to clean; the decoder reports it
  if (s.includes('%')) {
    // Some chat tools percent-encode links, some twice.
    for (let i = 0; i < 2 && s.includes('%'); i++) {
      try {
        s = decodeURIComponent(s);
      } catch {
        break;
      }
    }
  }
  s = s.replace(/\s+/g, '');
  return s.replace(/[.,;:!?)\]}>'"*]+$/, '');
}

const EXAMPLE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Reads a location fragment (with or without '#'). */
export function parseFragment(hash: string): FragmentResult {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw.trim() === '') return { kind: 'none' };
  if (raw.startsWith('example/')) {
    let id = raw.slice('example/'.length);
    try {
      id = decodeURIComponent(id);
    } catch {
      // keep it as it is; the pattern below rejects it
    }
    id = id.trim().toLowerCase();
    if (EXAMPLE_ID.test(id)) return { kind: 'example', id };
    return {
      kind: 'error',
      ok: false,
      reason: 'unknown-format',
      message: 'This link names an example, but the name is not valid. Open the examples menu to pick one.',
    };
  }
  if (/^v\d/.test(raw.trim())) {
    const result = decodePermalink(raw);
    return result.ok ? { kind: 'state', ...result } : { kind: 'error', ...result };
  }
  // Other fragments (in-page anchors such as #main) are not links to a state.
  return { kind: 'none' };
}

/** The fragment for an example, without '#'. */
export function exampleFragment(id: string): string {
  return `example/${encodeURIComponent(id)}`;
}
