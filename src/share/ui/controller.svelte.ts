// Glue between the playground page and sharing: what to open on load (link > draft > default), the
// fragment kept up to date while typing (replaceState, debounced, only after a real edit), drafts
// set aside when a link replaces them, the recovery message for broken links, and the share dialog.
//
// Used by src/ui/App.svelte (the page hands in what sharing needs to know of it):
//   const share = new ShareController({ defaultText, examples, ownsAddress });
//   const app = new Playground(share.storeInit());
//   onMount(() => share.start(app));        // returns the cleanup
//   <ShareButton {share} />  <ShareBanners {share} {app} />  <ShareDialog {share} {app} />
import type { AnalyzeOptions } from '../../engine/types';
import type { SecretScan } from '../../engine/secrets';
import { scanInWorker, type SecretScanner } from './secrets-client';
import { Drafts, planStartup, type Draft, type StartupPlan } from '../drafts';
import { encodeState, parseFragment, type DecodeFailure, type FragmentResult } from '../permalink';
import { normalizeOptions } from '../link-options';

/** The part of the playground store this controller uses. */
export interface PlaygroundLike {
  text: string;
  options: AnalyzeOptions;
  loadText(text: string): void;
  setOptions(options: AnalyzeOptions): void;
}

/** What sharing needs to know of the page, handed in by it (sharing imports nothing of the UI). */
export interface SharePage {
  /** The text a first visit (or "open the default") shows. */
  defaultText: string;
  /** The gallery: `#example/<id>` opens one; loading one over it sets nothing aside. */
  examples: readonly { id: string; title: string; dockerfile: string }[];
  /** True when another part of the page owns this address (a Learn page): sharing leaves it be. */
  ownsAddress(hash: string): boolean;
}

export const FRAGMENT_DEBOUNCE_MS = 400;

export interface LinkNotice {
  kind: 'rules-changed' | 'warnings';
  message: string;
}

export class ShareController {
  /** The broken link being explained (null when the link was fine or absent). */
  recovery = $state<(DecodeFailure & { link: string }) | null>(null);
  /** Drafts set aside by links, newest first. */
  aside = $state.raw<Draft[]>([]);
  /** True while the "your draft was replaced" banner should show. */
  asideBanner = $state(false);
  /** What replaced the draft: a link, an example link, or a whole-text load inside the page
   *  (the examples menu, "use the rewrite", a Learn example). */
  asideReason = $state<'link' | 'example' | 'replaced'>('link');
  /** Problems saving the draft locally (quota, disabled storage). */
  storageProblem = $state<string | null>(null);
  /** Notes about the opened link (rules changed, dropped settings). */
  linkNotices = $state.raw<LinkNotice[]>([]);
  dialogOpen = $state(false);
  /** The last secret scan and the text it was made for (the share dialog shows it). */
  scanned = $state.raw<{ text: string; scan: SecretScan } | null>(null);
  /** True while the address bar is held back because the text looks like it holds a secret the
   *  person has not agreed to put there (the banner asks). */
  addressHeld = $state(false);
  /** Where the initial text came from. */
  source = $state<StartupPlan['source']>('default');
  title = $state('');

  readonly drafts: Drafts;
  private readonly scanner: SecretScanner;
  /** Secrets (by id) the person agreed to keep in the address bar; 'incomplete' for a text too
   *  large (or a worker too slow) to check. */
  private confirmedSecrets = new Set<string>();
  private syncSeq = 0;
  private plan: StartupPlan;
  private app: PlaygroundLike | null = null;
  /** The fragment last written or read; the address is only rewritten when the state differs. */
  private lastFragment = '';
  private restoring = false;
  private loadedText = '';
  private loadedOptions = '';
  /** The text or options were edited since the page opened: the address carries the state. */
  private edited = false;

  private readonly page: SharePage;

  constructor(page: SharePage, drafts: Drafts = new Drafts(), scanner: SecretScanner = scanInWorker) {
    this.page = page;
    this.drafts = drafts;
    this.scanner = scanner;
    this.plan = this.decide(typeof location === 'undefined' ? '' : location.hash);
  }

  /** What the store should be created with: the text of the link/draft/default. */
  storeInit(): { text: string } {
    return { text: this.plan.text };
  }

  /** Starts watching the page; returns the cleanup. */
  start(app: PlaygroundLike): () => void {
    this.app = app;
    if (Object.keys(this.plan.options).length || this.plan.source === 'link') {
      app.options = this.plan.options;
    }
    // The link's text becomes the local draft (the old draft was set aside by decide()).
    if (this.plan.source === 'link' || this.plan.source === 'example') this.saveDraft();
    this.loadedText = this.plan.text;
    this.loadedOptions = JSON.stringify(normalizeOptions(this.plan.options));

    let timer: ReturnType<typeof setTimeout> | null = null;
    const stopEffect = $effect.root(() => {
      $effect(() => {
        const text = app.text;
        const options = JSON.stringify(normalizeOptions($state.snapshot(app.options) as AnalyzeOptions));
        // A real edit (not a link or example opening): remembered at once, so that links opened
        // right after it can never push it out of the kept drafts.
        if (text !== this.loadedText) this.drafts.markTyped(text);
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => this.sync(text, options), FRAGMENT_DEBOUNCE_MS);
      });
    });
    const onHashChange = () => this.onHashChange();
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        this.openDialog();
      }
    };
    addEventListener('hashchange', onHashChange);
    addEventListener('keydown', onKey);
    // Whole-text loads inside the page (examples menu, rewrite, Learn) set the edited text aside
    // first, so it can be restored from the banner: the user's text is never lost.
    const ownLoad = Object.prototype.hasOwnProperty.call(app, 'loadText');
    const originalLoad = app.loadText;
    app.loadText = (text: string) => {
      this.keepBeforeReplace(text);
      originalLoad.call(app, text);
    };
    return () => {
      if (ownLoad) app.loadText = originalLoad;
      else delete (app as Partial<PlaygroundLike>).loadText;
      stopEffect();
      if (timer) clearTimeout(timer);
      removeEventListener('hashchange', onHashChange);
      removeEventListener('keydown', onKey);
      this.app = null;
    };
  }

  /** The fragment (without '#') for the current state. */
  fragment(): string {
    const app = this.app;
    if (!app) return '';
    return encodeState({
      dockerfile: app.text,
      options: $state.snapshot(app.options) as AnalyzeOptions,
      title: this.title || undefined,
    });
  }

  /** The full permalink for the current state, on index.html. */
  permalink(): string {
    return `${playgroundBase()}#${this.fragment()}`;
  }

  /**
   * The fragment (without '#') the address should show now, for the Learn router leaving a Learn
   * page: the opened link as it was until a real edit, then the current state.
   */
  addressFragment(): string {
    const app = this.app;
    if (!app) return this.lastFragment;
    const options = JSON.stringify(normalizeOptions($state.snapshot(app.options) as AnalyzeOptions));
    if (this.edited || app.text !== this.loadedText || options !== this.loadedOptions) {
      // A secret never reaches the address unless agreed: a text not yet scanned (or holding an
      // unconfirmed secret) gets no fragment now; the sync that follows scans it and writes it.
      const scanned = this.scanned;
      if (!scanned || scanned.text !== app.text || this.holdsUnconfirmedSecret(scanned.scan)) {
        this.loadedText = '';
        queueMicrotask(() => void this.sync(app.text, options));
        return '';
      }
      this.edited = true;
      this.loadedText = app.text;
      this.loadedOptions = options;
      this.lastFragment = this.fragment();
    }
    return this.lastFragment;
  }

  openDialog(): void {
    this.dialogOpen = true;
    if (this.app && this.scanned?.text !== this.app.text) void this.checkSecrets(this.app.text);
  }

  /** Scans a text for secrets in the worker and keeps the answer for the dialog. */
  async checkSecrets(text: string): Promise<SecretScan> {
    const scan = await this.scanner(text);
    if (this.app?.text === text) this.scanned = { text, scan };
    return scan;
  }

  /** The person agreed to keep the secrets found in the current text in the address bar. */
  allowSecretsInAddress(): void {
    const scan = this.scanned?.scan;
    if (scan) {
      for (const hit of scan.hits) this.confirmedSecrets.add(hit.id);
      if (!scan.complete) this.confirmedSecrets.add('incomplete');
    }
    this.addressHeld = false;
    const app = this.app;
    if (!app) return;
    this.loadedText = '';
    void this.sync(
      app.text,
      JSON.stringify(normalizeOptions($state.snapshot(app.options) as AnalyzeOptions)),
    );
  }

  private holdsUnconfirmedSecret(scan: SecretScan): boolean {
    if (!scan.complete && !this.confirmedSecrets.has('incomplete')) return true;
    return scan.hits.some((hit) => !this.confirmedSecrets.has(hit.id));
  }

  closeDialog(): void {
    this.dialogOpen = false;
  }

  /** Puts a set-aside draft back in the editor; what was there is set aside in its place. */
  restoreAside(draft: Draft): void {
    const app = this.app;
    if (!app) return;
    const current: Draft = {
      text: app.text,
      options: $state.snapshot(app.options) as AnalyzeOptions,
      savedAt: Date.now(),
    };
    this.drafts.dropAside(draft.text);
    if (current.text.trim() && current.text !== draft.text) this.drafts.setAside(current);
    this.aside = this.drafts.aside();
    this.restoring = true;
    try {
      app.loadText(draft.text);
    } finally {
      this.restoring = false;
    }
    app.setOptions(draft.options ?? {});
    this.asideBanner = false;
  }

  /** Sets the current text aside before `next` replaces it, when it is the person's own work. */
  private keepBeforeReplace(next: string): void {
    const app = this.app;
    if (!app || this.restoring) return;
    const current = app.text;
    const trivial =
      !current.trim() ||
      current === next ||
      current === this.page.defaultText ||
      this.page.examples.some((e) => e.dockerfile === current);
    if (trivial) return;
    const saved = this.drafts.setAside({
      text: current,
      options: $state.snapshot(app.options) as AnalyzeOptions,
      savedAt: Date.now(),
    });
    if (saved.status !== 'saved') this.storageProblem = saved.message;
    this.aside = this.drafts.aside();
    this.asideReason = 'replaced';
    this.asideBanner = true;
  }

  dismissAside(): void {
    this.asideBanner = false;
  }

  /** Recovery: open the local draft (or the default) and forget the broken link. */
  recoverWith(which: 'draft' | 'default'): void {
    const app = this.app;
    if (!app) return;
    if (which === 'default') {
      const current = app.text;
      if (current.trim() && current !== this.page.defaultText) {
        this.drafts.setAside({
          text: current,
          options: $state.snapshot(app.options) as AnalyzeOptions,
          savedAt: Date.now(),
        });
        this.aside = this.drafts.aside();
      }
      this.restoring = true;
      try {
        app.loadText(this.page.defaultText);
      } finally {
        this.restoring = false;
      }
      app.setOptions({});
    }
    this.recovery = null;
    this.clearFragment();
  }

  dismissRecovery(): void {
    this.recovery = null;
  }

  // -------------------------------------------------------------------------------------------

  private decide(hash: string): StartupPlan {
    const fragment = parseFragment(hash);
    const loaded = this.drafts.load();
    if (loaded.status !== 'ok') this.storageProblem = loaded.message;
    const draft = loaded.draft;
    const link = this.linkFrom(fragment, hash);
    const plan = planStartup({ link, draft, defaultText: this.page.defaultText });
    this.source = plan.source;
    if (plan.replacedDraft) {
      const saved = this.drafts.setAside({ ...plan.replacedDraft, savedAt: Date.now() });
      if (saved.status !== 'saved') this.storageProblem = saved.message;
      this.asideReason = plan.source === 'example' ? 'example' : 'link';
      this.asideBanner = true;
    }
    this.aside = this.drafts.aside();
    return plan;
  }

  private linkFrom(
    fragment: FragmentResult,
    hash: string,
  ): { text: string; options: AnalyzeOptions; source: 'link' | 'example' } | null {
    this.linkNotices = [];
    this.title = '';
    if (fragment.kind === 'state') {
      const notices: LinkNotice[] = [];
      if (fragment.rulesChanged) {
        notices.push({
          kind: 'rules-changed',
          message: fragment.rulesVersion
            ? `This link was made with an older set of rules (version ${fragment.rulesVersion}); the findings may differ from what its author saw.`
            : 'This link does not say which rules it was made with; the findings may differ from what its author saw.',
        });
      }
      if (fragment.warnings.length) notices.push({ kind: 'warnings', message: fragment.warnings.join(' ') });
      this.linkNotices = notices;
      this.title = fragment.state.title ?? '';
      this.lastFragment = hash.replace(/^#/, '');
      return { text: fragment.state.dockerfile, options: fragment.state.options, source: 'link' };
    }
    if (fragment.kind === 'example') {
      const example = this.page.examples.find((e) => e.id === fragment.id);
      if (example) {
        this.title = example.title;
        this.lastFragment = hash.replace(/^#/, '');
        return { text: example.dockerfile, options: {}, source: 'example' };
      }
      this.recovery = {
        ok: false,
        reason: 'unknown-format',
        message: `There is no example called "${fragment.id}". It may have been renamed; pick one from the examples instead.`,
        link: hash,
      };
      return null;
    }
    if (fragment.kind === 'error') {
      this.recovery = { ok: false, reason: fragment.reason, message: fragment.message, link: hash };
    }
    return null;
  }

  /** The address bar changed only in its fragment (a link pasted into the same tab). */
  private onHashChange(): void {
    const app = this.app;
    if (!app) return;
    const hash = location.hash;
    if (hash.replace(/^#/, '') === this.lastFragment) return;
    const fragment = parseFragment(hash);
    if (fragment.kind === 'none') return;
    const current: Draft = {
      text: app.text,
      options: $state.snapshot(app.options) as AnalyzeOptions,
      savedAt: Date.now(),
    };
    const link = this.linkFrom(fragment, hash);
    if (!link) return;
    const plan = planStartup({ link, draft: current, defaultText: this.page.defaultText });
    if (plan.replacedDraft) {
      this.drafts.setAside(plan.replacedDraft);
      this.aside = this.drafts.aside();
      this.asideReason = plan.source === 'example' ? 'example' : 'link';
      this.asideBanner = true;
    }
    this.recovery = null;
    this.source = plan.source;
    this.loadedText = plan.text;
    this.loadedOptions = JSON.stringify(normalizeOptions(plan.options));
    this.restoring = true;
    try {
      app.loadText(plan.text);
    } finally {
      this.restoring = false;
    }
    app.setOptions(plan.options);
  }

  private async sync(text: string, options: string): Promise<void> {
    // Autosave (the store also writes the draft; this reports a full or disabled storage).
    const saved = this.saveDraft();
    if (!saved) return;
    // Rewrite the address only after a real edit: a link, an example or a broken link stays as it
    // was opened until the person changes something.
    if (text === this.loadedText && options === this.loadedOptions) return;
    // A Learn page keeps its own address; leaving it writes the state (addressFragment).
    if (this.page.ownsAddress(location.hash)) return;
    this.edited = true;
    this.loadedText = text;
    this.loadedOptions = options;
    const fragment = this.fragment();
    if (fragment === this.lastFragment) return;
    // A secret never reaches the address bar (and so the history) unless the person agreed: the
    // text is scanned first, and while it holds an unconfirmed secret the address is cleared.
    const seq = ++this.syncSeq;
    const scan = await this.checkSecrets(text);
    if (seq !== this.syncSeq || !this.app) return; // a newer edit decides
    // The scan is asynchronous: a Learn page opened meanwhile keeps its address (leaving it writes
    // the state through addressFragment).
    if (this.page.ownsAddress(location.hash)) return;
    if (this.holdsUnconfirmedSecret(scan)) {
      this.addressHeld = true;
      this.clearFragment();
      return;
    }
    this.addressHeld = false;
    this.lastFragment = fragment;
    try {
      history.replaceState(history.state, '', `#${fragment}`);
    } catch {
      // Some browsers limit replaceState calls; the next edit tries again.
      this.lastFragment = '';
    }
  }

  private saveDraft(): boolean {
    const app = this.app;
    if (!app) return false;
    const result = this.drafts.save(app.text, $state.snapshot(app.options) as AnalyzeOptions);
    this.storageProblem = result.status === 'saved' ? null : result.message;
    return true;
  }

  private clearFragment(): void {
    this.lastFragment = '';
    try {
      history.replaceState(history.state, '', location.pathname + location.search);
    } catch {
      // ignore
    }
  }
}

/** The playground page's URL without query or fragment (index.html next to this page). */
export function playgroundBase(): string {
  const url = new URL('./index.html', location.href);
  url.search = '';
  url.hash = '';
  // Keep the address the person sees: "/" stays "/" rather than "/index.html".
  const here = new URL(location.href);
  if (here.pathname.endsWith('/') && !/embed\.html$/.test(here.pathname))
    return `${here.origin}${here.pathname}`;
  return url.toString();
}
