import { describe, expect, it } from 'vitest';
import {
  ASIDE_KEY,
  DRAFT_KEY,
  Drafts,
  MAX_ASIDE,
  OPTIONS_KEY,
  classifyStorageError,
  planStartup,
  type StorageLike,
} from '../../../src/share/drafts';

class MemoryStorage implements StorageLike {
  data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

function domError(name: string, code = 0): Error {
  const e = new Error(`${name} (test)`);
  Object.defineProperty(e, 'name', { value: name });
  Object.defineProperty(e, 'code', { value: code });
  return e;
}

/** A storage that holds at most `limit` characters in total, like a real quota. */
class QuotaStorage extends MemoryStorage {
  constructor(private limit: number) {
    super();
  }
  override setItem(key: string, value: string) {
    let used = 0;
    for (const [k, v] of this.data) if (k !== key) used += k.length + v.length;
    if (used + key.length + value.length > this.limit) throw domError('QuotaExceededError', 22);
    super.setItem(key, value);
  }
}

class ThrowingStorage implements StorageLike {
  constructor(private error: Error) {}
  getItem(): string | null {
    throw this.error;
  }
  setItem(): void {
    throw this.error;
  }
  removeItem(): void {
    throw this.error;
  }
}

describe('drafts', () => {
  it('save then load', () => {
    const storage = new MemoryStorage();
    const drafts = new Drafts(storage);
    expect(drafts.load()).toEqual({ status: 'ok', draft: null });
    expect(drafts.save('FROM a\n', { disabledRules: ['x'] })).toEqual({ status: 'saved' });
    const loaded = drafts.load();
    expect(loaded.status).toBe('ok');
    expect(loaded.draft?.text).toBe('FROM a\n');
    expect(loaded.draft?.options).toEqual({ disabledRules: ['x'] });
    // Same keys and formats as the playground store.
    expect(storage.getItem(DRAFT_KEY)).toBe('FROM a\n');
    expect(JSON.parse(storage.getItem(OPTIONS_KEY) ?? '')).toEqual({ disabledRules: ['x'] });
  });

  it('reads a draft whose options are damaged', () => {
    const storage = new MemoryStorage();
    storage.setItem(DRAFT_KEY, 'FROM b');
    storage.setItem(OPTIONS_KEY, '{not json');
    expect(new Drafts(storage).load().draft).toEqual({ text: 'FROM b', options: {}, savedAt: 0 });
  });

  it('a full storage returns a quota status and a message, never throws', () => {
    const drafts = new Drafts(new QuotaStorage(100));
    const result = drafts.save('x'.repeat(1000));
    expect(result.status).toBe('quota');
    if (result.status !== 'saved') expect(result.message).toMatch(/full/);
    expect(new Drafts(new ThrowingStorage(domError('QuotaExceededError', 22))).save('a').status).toBe(
      'quota',
    );
    // Firefox's name for it
    expect(classifyStorageError(domError('NS_ERROR_DOM_QUOTA_REACHED', 1014))).toBe('quota');
  });

  it('disabled storage (SecurityError) is reported as unavailable', () => {
    const drafts = new Drafts(new ThrowingStorage(domError('SecurityError', 18)));
    const load = drafts.load();
    expect(load.status).toBe('unavailable');
    if (load.status !== 'ok') expect(load.message).toMatch(/does not let this page save/);
    expect(drafts.save('FROM a').status).toBe('unavailable');
    expect(drafts.aside()).toEqual([]);
    expect(drafts.setAside({ text: 'a', options: {}, savedAt: 1 }).status).toBe('unavailable');
  });

  it('a storage getter that throws (localStorage access denied) is unavailable', () => {
    const drafts = new Drafts(() => {
      throw domError('SecurityError', 18);
    });
    expect(drafts.save('FROM a').status).toBe('unavailable');
    expect(new Drafts(null).load().status).toBe('unavailable');
  });

  it('other errors are reported too', () => {
    const result = new Drafts(new ThrowingStorage(new TypeError('boom'))).save('a');
    expect(result.status).toBe('error');
  });

  it('set aside: newest first, deduplicated, capped', () => {
    const drafts = new Drafts(new MemoryStorage());
    for (let i = 0; i < MAX_ASIDE + 3; i++) drafts.setAside({ text: `FROM t${i}`, options: {}, savedAt: i });
    drafts.setAside({ text: 'FROM t7', options: {}, savedAt: 99 });
    const aside = drafts.aside();
    expect(aside).toHaveLength(MAX_ASIDE);
    expect(aside[0]).toEqual({ text: 'FROM t7', options: {}, savedAt: 99 });
    expect(aside.filter((d) => d.text === 'FROM t7')).toHaveLength(1);
    drafts.dropAside('FROM t7');
    expect(drafts.aside().some((d) => d.text === 'FROM t7')).toBe(false);
  });

  it('set aside drops older drafts when storage is nearly full, keeps the newest', () => {
    const storage = new QuotaStorage(3000);
    const drafts = new Drafts(storage);
    drafts.setAside({ text: 'a'.repeat(1200), options: {}, savedAt: 1 });
    drafts.setAside({ text: 'b'.repeat(1200), options: {}, savedAt: 2 });
    expect(drafts.setAside({ text: 'c'.repeat(1200), options: {}, savedAt: 3 })).toEqual({ status: 'saved' });
    expect(drafts.aside()[0].text[0]).toBe('c');
    expect(drafts.setAside({ text: 'd'.repeat(5000), options: {}, savedAt: 4 }).status).toBe('quota');
  });

  it('damaged aside data reads as empty', () => {
    const storage = new MemoryStorage();
    storage.setItem(ASIDE_KEY, '{"x":1}');
    expect(new Drafts(storage).aside()).toEqual([]);
    storage.setItem(ASIDE_KEY, '[{"text":5},{"text":"ok","options":[1],"savedAt":"x"}]');
    expect(new Drafts(storage).aside()).toEqual([{ text: 'ok', options: {}, savedAt: 0 }]);
  });
});

describe('planStartup', () => {
  const defaultText = 'FROM node:20\n';
  const draft = { text: 'FROM my-work\nRUN make\n', options: { disabledRules: ['a'] }, savedAt: 0 };

  it('a link wins over the draft, which is set aside', () => {
    const plan = planStartup({
      link: { text: 'FROM link', options: {}, source: 'link' },
      draft,
      defaultText,
    });
    expect(plan).toEqual({ source: 'link', text: 'FROM link', options: {}, replacedDraft: draft });
  });
  it('an example link also sets the draft aside', () => {
    const plan = planStartup({
      link: { text: 'FROM ex', options: {}, source: 'example' },
      draft,
      defaultText,
    });
    expect(plan.source).toBe('example');
    expect(plan.replacedDraft).toBe(draft);
  });
  it('nothing to set aside when the draft is the same text, empty or the default', () => {
    for (const text of [draft.text.replace(/\n/g, '\r\n'), '  \n', defaultText]) {
      const plan = planStartup({
        link: { text: draft.text, options: {}, source: 'link' },
        draft: { text, options: {}, savedAt: 0 },
        defaultText,
      });
      expect(plan.replacedDraft).toBeNull();
    }
  });
  it('no link: the draft, else the default', () => {
    expect(planStartup({ link: null, draft, defaultText })).toMatchObject({
      source: 'draft',
      text: draft.text,
    });
    expect(planStartup({ link: null, draft: null, defaultText })).toMatchObject({
      source: 'default',
      text: defaultText,
    });
  });
});

describe('links never push out the text the person typed (issue 20)', () => {
  it('a page opening the app through many links keeps the typed draft', () => {
    const storage = new MemoryStorage();
    const drafts = new Drafts(storage);
    const typed = 'FROM node:22\n# my own work\n';
    drafts.markTyped(typed);
    drafts.save(typed);
    // Each link replaces the draft (the previous link's text), which is set aside: the same sequence
    // the controller runs on every link opening.
    let current = typed;
    for (let i = 0; i < MAX_ASIDE * 3; i++) {
      const link = `FROM alpine:3.${i}\n`;
      const plan = planStartup({
        link: { text: link, options: {}, source: 'link' },
        draft: { text: current, options: {}, savedAt: 0 },
        defaultText: 'FROM scratch\n',
      });
      if (plan.replacedDraft) drafts.setAside(plan.replacedDraft);
      drafts.save(link);
      current = link;
    }
    const aside = drafts.aside();
    expect(aside.length).toBe(MAX_ASIDE);
    expect(aside.filter((d) => d.text === typed)).toEqual([expect.objectContaining({ typed: true })]);
    // The newest link texts fill the other places.
    expect(aside[0].text).toBe(`FROM alpine:3.${MAX_ASIDE * 3 - 2}\n`);
  });

  it('typed drafts go only when every kept draft was typed; a full storage drops link texts first', () => {
    const drafts = new Drafts(new MemoryStorage());
    for (let i = 0; i < MAX_ASIDE + 2; i++)
      drafts.setAside({ text: `typed ${i}`, options: {}, savedAt: i, typed: true });
    expect(drafts.aside().map((d) => d.text)).toEqual(
      Array.from({ length: MAX_ASIDE }, (_, i) => `typed ${MAX_ASIDE + 1 - i}`),
    );
    // A link's text does not push a typed one out: it is the one dropped.
    drafts.setAside({ text: 'from a link', options: {}, savedAt: 99 });
    expect(drafts.aside().map((d) => d.text)).not.toContain('from a link');
    expect(drafts.aside()).toHaveLength(MAX_ASIDE);

    const small = new QuotaStorage(400);
    const tight = new Drafts(small);
    tight.setAside({ text: 'mine '.repeat(20), options: {}, savedAt: 1, typed: true });
    for (let i = 0; i < 6; i++)
      tight.setAside({ text: `link ${i} `.repeat(10), options: {}, savedAt: 2 + i });
    expect(tight.aside().some((d) => d.typed && d.text.startsWith('mine'))).toBe(true);
  });
});
