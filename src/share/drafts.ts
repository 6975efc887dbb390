// Drafts: the text being edited is autosaved to localStorage (the caller debounces) and restored on
// reload. A link always wins over the local draft, but the draft is not lost: it is set aside, and
// the page offers to restore it. Every write returns a status; a full or disabled storage is
// reported with a message so the page can tell the user (the text is never dropped silently).
//
// Keys and formats are shared with the playground store (src/ui/store.svelte.ts): the draft text is
// stored as plain text, the options as JSON.
import type { AnalyzeOptions } from '../engine/types';

export const DRAFT_KEY = 'dockerfile-playground:draft';
export const OPTIONS_KEY = 'dockerfile-playground:options';
export const ASIDE_KEY = 'dockerfile-playground:drafts-aside';
/** The last text the person typed (not one a link or example put in the editor). */
export const TYPED_KEY = 'dockerfile-playground:typed';
/** Drafts kept aside (newest first); older ones are dropped, texts from links before typed ones. */
export const MAX_ASIDE = 5;

/** The part of the Web Storage API used here (tests pass fakes). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface Draft {
  text: string;
  options: AnalyzeOptions;
  /** Milliseconds since the epoch; 0 when unknown (drafts written by older builds). */
  savedAt: number;
  /** The person typed this text (it did not come from a link): links never push it out. */
  typed?: boolean;
}

export type StorageProblem = 'quota' | 'unavailable' | 'error';

export type SaveResult = { status: 'saved' } | { status: StorageProblem; message: string };

export type LoadResult =
  { status: 'ok'; draft: Draft | null } | { status: StorageProblem; draft: null; message: string };

const MESSAGES: Record<StorageProblem, string> = {
  quota:
    'Your browser’s storage for this site is full, so your Dockerfile is not being saved on this device. It is still in the editor: copy the link or download the file to keep it.',
  unavailable:
    'Your browser does not let this page save anything (storage is turned off, or this is a private window), so your Dockerfile will not be kept after you close the page. Copy the link or download the file to keep it.',
  error:
    'Your Dockerfile could not be saved on this device. It is still in the editor: copy the link or download the file to keep it.',
};

export function storageMessage(problem: StorageProblem): string {
  return MESSAGES[problem];
}

/** Sorts a storage exception into quota / unavailable / other. */
export function classifyStorageError(error: unknown): StorageProblem {
  const e = error as { name?: unknown; code?: unknown } | null;
  const name = typeof e?.name === 'string' ? e.name : '';
  if (
    name === 'QuotaExceededError' ||
    name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    e?.code === 22 ||
    e?.code === 1014
  ) {
    return 'quota';
  }
  if (name === 'SecurityError' || name === 'InvalidAccessError' || e?.code === 18) return 'unavailable';
  return 'error';
}

/** window.localStorage, or null when the browser refuses access (reading the property can throw). */
export function browserStorage(): StorageLike | null {
  try {
    const storage = globalThis.localStorage;
    return storage ?? null;
  } catch {
    return null;
  }
}

export class Drafts {
  private readonly getStorage: () => StorageLike | null;

  constructor(storage: StorageLike | null | (() => StorageLike | null) = browserStorage) {
    this.getStorage = typeof storage === 'function' ? storage : () => storage;
  }

  /** The saved draft, if any. */
  load(): LoadResult {
    const storage = this.storage();
    if (!storage.ok) return { status: storage.problem, draft: null, message: MESSAGES[storage.problem] };
    try {
      const text = storage.value.getItem(DRAFT_KEY);
      if (text === null) return { status: 'ok', draft: null };
      const options = parseOptions(storage.value.getItem(OPTIONS_KEY));
      return { status: 'ok', draft: { text, options, savedAt: 0 } };
    } catch (error) {
      const problem = classifyStorageError(error);
      return { status: problem, draft: null, message: MESSAGES[problem] };
    }
  }

  /** Saves the text (and options) being edited. */
  save(text: string, options: AnalyzeOptions = {}): SaveResult {
    const storage = this.storage();
    if (!storage.ok) return { status: storage.problem, message: MESSAGES[storage.problem] };
    try {
      storage.value.setItem(DRAFT_KEY, text);
      storage.value.setItem(OPTIONS_KEY, JSON.stringify(options));
      return { status: 'saved' };
    } catch (error) {
      const problem = classifyStorageError(error);
      return { status: problem, message: MESSAGES[problem] };
    }
  }

  /** Drafts set aside by links, newest first. */
  aside(): Draft[] {
    const storage = this.storage();
    if (!storage.ok) return [];
    try {
      return parseAside(storage.value.getItem(ASIDE_KEY));
    } catch {
      return [];
    }
  }

  /** Remembers that the person typed this text (called on every real edit, never for links). */
  markTyped(text: string): SaveResult {
    const storage = this.storage();
    if (!storage.ok) return { status: storage.problem, message: MESSAGES[storage.problem] };
    try {
      if (storage.value.getItem(TYPED_KEY) !== text) storage.value.setItem(TYPED_KEY, text);
      return { status: 'saved' };
    } catch (error) {
      const problem = classifyStorageError(error);
      return { status: problem, message: MESSAGES[problem] };
    }
  }

  /**
   * Keeps a draft that a link is about to replace. Identical texts are stored once; at most
   * MAX_ASIDE are kept. The draft counts as typed when it is the last text the person typed. To
   * make room (the cap, or a full storage) the oldest text that came from a link goes first, so a
   * page that opens the app through any number of links never pushes the person's own text out.
   */
  setAside(draft: Draft): SaveResult {
    const storage = this.storage();
    if (!storage.ok) return { status: storage.problem, message: MESSAGES[storage.problem] };
    const old = this.aside();
    const typed =
      !!draft.typed || old.some((d) => d.typed && d.text === draft.text) || this.isTyped(draft.text);
    const list = [{ ...draft, typed }, ...old.filter((d) => d.text !== draft.text)];
    while (list.length > MAX_ASIDE) evictOne(list);
    for (;;) {
      try {
        storage.value.setItem(ASIDE_KEY, JSON.stringify(list));
        return { status: 'saved' };
      } catch (error) {
        const problem = classifyStorageError(error);
        if (problem !== 'quota' || list.length === 1) return { status: problem, message: MESSAGES[problem] };
        evictOne(list);
      }
    }
  }

  private isTyped(text: string): boolean {
    const storage = this.storage();
    try {
      return storage.ok && storage.value.getItem(TYPED_KEY) === text;
    } catch {
      return false;
    }
  }

  /** Removes one aside draft (after it was restored or dismissed). */
  dropAside(text: string): SaveResult {
    const storage = this.storage();
    if (!storage.ok) return { status: storage.problem, message: MESSAGES[storage.problem] };
    try {
      const rest = this.aside().filter((d) => d.text !== text);
      if (rest.length) storage.value.setItem(ASIDE_KEY, JSON.stringify(rest));
      else storage.value.removeItem(ASIDE_KEY);
      return { status: 'saved' };
    } catch (error) {
      const problem = classifyStorageError(error);
      return { status: problem, message: MESSAGES[problem] };
    }
  }

  private storage(): { ok: true; value: StorageLike } | { ok: false; problem: StorageProblem } {
    try {
      const value = this.getStorage();
      return value ? { ok: true, value } : { ok: false, problem: 'unavailable' };
    } catch (error) {
      const problem = classifyStorageError(error);
      return { ok: false, problem: problem === 'quota' ? 'error' : problem };
    }
  }
}

/** Drops the oldest draft that came from a link (the newest one last); the oldest typed one only
 *  when every draft was typed. */
function evictOne(list: Draft[]): void {
  let index = list.length - 1;
  while (index >= 0 && list[index].typed) index--;
  list.splice(index >= 0 ? index : list.length - 1, 1);
}

function parseOptions(raw: string | null): AnalyzeOptions {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as AnalyzeOptions) : {};
  } catch {
    return {};
  }
}

function parseAside(raw: string | null): Draft[] {
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const out: Draft[] = [];
  for (const item of parsed) {
    if (!item || typeof item !== 'object') continue;
    const d = item as Record<string, unknown>;
    if (typeof d.text !== 'string') continue;
    const options = d.options && typeof d.options === 'object' && !Array.isArray(d.options) ? d.options : {};
    out.push({
      text: d.text,
      options: options as AnalyzeOptions,
      savedAt: typeof d.savedAt === 'number' && Number.isFinite(d.savedAt) ? d.savedAt : 0,
      ...(d.typed === true ? { typed: true } : {}),
    });
  }
  return out.slice(0, MAX_ASIDE);
}

// ---------------------------------------------------------------------------------------------
// What to open on load.

export type StartupSource = 'link' | 'example' | 'draft' | 'default';

export interface StartupPlan {
  /** Where the text comes from. */
  source: StartupSource;
  text: string;
  options: AnalyzeOptions;
  /** The local draft that the link or example replaced and that should be set aside (offer to
   *  restore it). Null when there is none, or it is the same text, or it is only the default. */
  replacedDraft: Draft | null;
}

/**
 * Decides what the editor opens with. A link (or an example link) wins over the local draft; the
 * draft is returned as `replacedDraft` unless it is empty, the default text, or the same as the
 * link's text. Without a link the draft is opened, else the default.
 */
export function planStartup(input: {
  link: { text: string; options: AnalyzeOptions; source: 'link' | 'example' } | null;
  draft: Draft | null;
  defaultText: string;
}): StartupPlan {
  const { link, draft, defaultText } = input;
  if (link) {
    const worthKeeping =
      draft !== null &&
      draft.text.trim() !== '' &&
      normalizeEol(draft.text) !== normalizeEol(defaultText) &&
      normalizeEol(draft.text) !== normalizeEol(link.text);
    return {
      source: link.source,
      text: link.text,
      options: link.options,
      replacedDraft: worthKeeping ? draft : null,
    };
  }
  if (draft) return { source: 'draft', text: draft.text, options: draft.options, replacedDraft: null };
  return { source: 'default', text: defaultText, options: {}, replacedDraft: null };
}

function normalizeEol(text: string): string {
  return text.replace(/\r\n?/g, '\n').trimEnd();
}
