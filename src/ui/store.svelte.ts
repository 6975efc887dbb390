// The playground's state: the text, the options, the latest Analysis and the status line.
// Typing schedules an analysis (debounced); the worker client drops stale results.
import type { Analysis, AnalyzeOptions } from '../engine/types';
import { AnalyzerClient, DEFAULT_TIMEOUT_MS } from '../client/analyzer-client';
import type { QuickOutcome } from '../client/protocol';
import { SAMPLE_DOCKERFILE } from './samples';
import { loadRules, type RuleInfo } from './rules-meta';

export const DEBOUNCE_MS = 150;
const DRAFT_KEY = 'dockerfile-playground:draft';
const OPTIONS_KEY = 'dockerfile-playground:options';
const THEME_KEY = 'dockerfile-playground:theme';

export type ThemeChoice = 'auto' | 'light' | 'dark';

export const TABS = [
  { id: 'size', label: 'Size' },
  { id: 'findings', label: 'Findings' },
  { id: 'rewrite', label: 'Rewrite' },
  { id: 'base', label: 'Base image' },
  { id: 'impact', label: 'Impact' },
  { id: 'assumptions', label: 'Assumptions' },
  { id: 'options', label: 'Options' },
  { id: 'learn', label: 'Learn' },
] as const;
export type TabId = (typeof TABS)[number]['id'];

/** What the editor offers the rest of the page (set once Monaco is up). */
export interface EditorHandle {
  selectLines(line: number, endLine: number): void;
  applyEdits(edits: { start: number; end: number; text: string }[], label: string): void;
  focus(): void;
}

/** The shortest watchdog a link may ask for. */
export const MIN_WATCHDOG_MS = 500;

/**
 * Test hook: `?watchdog=<ms>` sets how long one analysis may run before the worker is restarted.
 * A link may only make it stricter: clamped to 500 ms – the default (5 s); undefined (the
 * default) when absent or not a number.
 */
export function watchdogFromQuery(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('watchdog');
  if (raw === null || !/^\d{1,9}$/.test(raw.trim())) return undefined;
  return Math.min(DEFAULT_TIMEOUT_MS, Math.max(MIN_WATCHDOG_MS, Number(raw.trim())));
}

/** Test hook: `?testhooks=1` starts the worker with its test hooks (workers/analyzer.worker.ts). */
export function testHooksFromQuery(search: string): boolean {
  return new URLSearchParams(search).get('testhooks') === '1';
}

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage full or disabled: the text stays in the page
  }
}

function readOptions(): AnalyzeOptions {
  const raw = readStorage(OPTIONS_KEY);
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' ? (parsed as AnalyzeOptions) : {};
  } catch {
    return {};
  }
}

export class Playground {
  text = $state(SAMPLE_DOCKERFILE);
  options = $state<AnalyzeOptions>({});
  /**
   * The analysis on screen. Between phase 1 and phase 2 of a request it is phase 1 with an empty
   * rewrite (`phase2Pending` is then true): findings' savings may be null, the rewrite not ready.
   */
  analysis = $state.raw<Analysis | null>(null);
  /** Phase 1 is on screen; the measured savings and the rewrite (phase 2) are still coming. */
  phase2Pending = $state(false);
  /** The text the current analysis was computed from (offsets of fixes refer to it). */
  analyzedText = $state('');
  analyzing = $state(false);
  /** Analyzing for a noticeable time (300 ms): the page dims the stale results, no flicker. */
  slow = $state(false);
  private slowTimer: ReturnType<typeof setTimeout> | null = null;
  notice = $state<string | null>(null);
  private noticeKind: 'restart' | 'error' = 'error';
  elapsedMs = $state<number | null>(null);
  /** Counts complete analyses shown (both phases; tests wait for it to move). */
  seq = $state(0);
  /** Counts phase-1 results shown (the keystroke benchmark waits for it to move). */
  phase1Seq = $state(0);
  theme = $state<ThemeChoice>('auto');
  systemDark = $state(false);
  editor = $state.raw<EditorHandle | null>(null);
  tab = $state<TabId>('size');
  /** The tab to go back to when the address leaves a Learn page (src/ui/router.ts). */
  lastResultTab: TabId = 'size';
  /** The rule shown on the Learn tab (null: the list). */
  learnRule = $state<string | null>(null);
  /** Monaco's Tab-moves-focus mode (Ctrl+M): shown next to the editor while on. */
  tabMovesFocus = $state(false);
  rules = $state.raw<RuleInfo[]>([]);
  monacoReady = $state(false);

  resolvedTheme = $derived<'light' | 'dark'>(
    this.theme === 'auto' ? (this.systemDark ? 'dark' : 'light') : this.theme,
  );

  private client: AnalyzerClient | null = null;
  private firstShown: () => void = () => {};
  /** Settles when the first analysis is on screen (or failed): the editor loads after it. */
  readonly firstResult = new Promise<void>((resolve) => (this.firstShown = resolve));
  private timer: ReturnType<typeof setTimeout> | null = null;
  private persist: boolean;

  constructor(opts: { persist?: boolean; text?: string } = {}) {
    this.persist = opts.persist ?? true;
    if (opts.text !== undefined) this.text = opts.text;
    else if (this.persist) this.text = readStorage(DRAFT_KEY) ?? SAMPLE_DOCKERFILE;
    if (this.persist) {
      this.options = readOptions();
      const theme = readStorage(THEME_KEY);
      if (theme === 'light' || theme === 'dark' || theme === 'auto') this.theme = theme;
    }
  }

  start(): void {
    if (typeof window !== 'undefined') window.__analysisDebounceMs = DEBOUNCE_MS;
    this.client ??= new AnalyzerClient({
      timeoutMs: typeof location === 'undefined' ? undefined : watchdogFromQuery(location.search),
      testHooks: typeof location !== 'undefined' && testHooksFromQuery(location.search),
      onNotice: (notice) => {
        this.notice = notice.message;
        this.noticeKind = notice.kind;
      },
    });
    if (typeof matchMedia === 'function') {
      const query = matchMedia('(prefers-color-scheme: dark)');
      this.systemDark = query.matches;
      query.addEventListener('change', (e) => (this.systemDark = e.matches));
    }
    // The worker loads while Monaco does, not after it.
    this.client.warmUp();
    // Next tick: whoever starts the page may still set options synchronously (a shared link).
    this.schedule(0);
  }

  /** Loads rule docs (Learn pages, explanations) once, off the critical path. */
  async loadRuleDocs(): Promise<void> {
    if (this.rules.length === 0) this.rules = await loadRules();
  }

  rule(id: string): RuleInfo | undefined {
    return this.rules.find((r) => r.meta.id === id);
  }

  /** Shows the Learn tab (the list, or one rule's page); the router gives it an address. */
  openLearn(ruleId: string | null): void {
    this.learnRule = ruleId;
    this.selectTab('learn');
    void this.loadRuleDocs();
  }

  selectTab(tab: TabId): void {
    if (tab !== 'learn') this.lastResultTab = tab;
    this.tab = tab;
  }

  /** Switch a rewrite step on or off, then re-analyze. */
  setStep(stepId: string, enabled: boolean): void {
    const disabled = new Set(this.options.rewrite?.disabledSteps ?? []);
    const enabledSet = new Set(this.options.rewrite?.enabledSteps ?? []);
    if (enabled) {
      disabled.delete(stepId);
      enabledSet.add(stepId);
    } else {
      enabledSet.delete(stepId);
      disabled.add(stepId);
    }
    this.setOptions({
      ...$state.snapshot(this.options),
      rewrite: { disabledSteps: [...disabled], enabledSteps: [...enabledSet] },
    });
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.client?.dispose();
    this.client = null;
  }

  /** The editor changed: remember the draft and analyze once typing pauses. */
  setText(text: string): void {
    if (text === this.text) return;
    this.text = text;
    this.notice = null;
    if (this.persist) writeStorage(DRAFT_KEY, text);
    this.schedule(DEBOUNCE_MS);
  }

  /** Replace the whole text (examples): analyzed at once. */
  loadText(text: string): void {
    this.text = text;
    if (this.persist) writeStorage(DRAFT_KEY, text);
    this.schedule(0);
  }

  setOptions(options: AnalyzeOptions): void {
    this.options = options;
    if (this.persist) writeStorage(OPTIONS_KEY, JSON.stringify(options));
    this.schedule(0);
  }

  setTheme(theme: ThemeChoice): void {
    this.theme = theme;
    if (this.persist) writeStorage(THEME_KEY, theme);
  }

  private schedule(delay: number): void {
    // "Analyzing" from the first keystroke: the result on screen is no longer the text's.
    this.analyzing = true;
    this.slowTimer ??= setTimeout(() => (this.slow = this.analyzing), 300);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), delay);
  }

  private async run(): Promise<void> {
    if (!this.client) return;
    this.timer = null;
    this.analyzing = true;
    // Options are $state proxies: send a plain copy through postMessage.
    const outcome = await this.client.analyze(this.text, $state.snapshot(this.options), {
      onQuick: (quick) => this.showQuick(quick),
    });
    if (outcome.status === 'stale') return;
    this.settleAnalyzing();
    this.phase2Pending = false;
    if (outcome.status === 'ok') {
      this.analysis = outcome.analysis;
      this.analyzedText = outcome.text;
      this.elapsedMs = outcome.elapsedMs;
      this.seq++;
      if (this.seq === 1) performance.mark('first-analysis');
      this.firstShown();
      // A restart notice stays until the next edit; an error clears once the analyzer answers.
      if (this.noticeKind === 'error') this.notice = null;
    } else {
      this.notice = outcome.message;
      this.noticeKind = outcome.status === 'timeout' ? 'restart' : 'error';
      this.firstShown();
    }
  }

  /** Phase 1 landed: findings and sizes now, the rewrite when phase 2 does. */
  private showQuick(quick: QuickOutcome): void {
    this.settleAnalyzing();
    const { analysis, text } = quick;
    this.analysis = {
      ...analysis,
      rewrite: { dockerfile: text, dockerignore: null, estimate: analysis.estimate, steps: [] },
    };
    this.analyzedText = text;
    this.elapsedMs = quick.elapsedMs;
    this.phase2Pending = true;
    this.phase1Seq++;
    if (this.phase1Seq === 1) performance.mark('first-findings');
    this.firstShown();
  }

  /** The text on screen is analyzed (unless more typing is already scheduled). */
  private settleAnalyzing(): void {
    if (this.timer !== null) return;
    this.analyzing = false;
    this.slow = false;
    if (this.slowTimer) clearTimeout(this.slowTimer);
    this.slowTimer = null;
  }
}
