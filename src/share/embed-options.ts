// The embed's options live in the query string of embed.html (they say how to show the state, not
// what the state is; the Dockerfile itself stays in the fragment, out of server logs):
//   theme=auto|light|dark   readonly=1   panel=size|findings|diff   height=<px>
// Parsing is lenient (a bad value falls back to the default and is reported), building is strict
// (only non-default values, fixed order, so snippets are stable).

export type EmbedTheme = 'auto' | 'light' | 'dark';
export type EmbedPanel = 'size' | 'findings' | 'diff';

export interface EmbedOptions {
  theme: EmbedTheme;
  readonly: boolean;
  panel: EmbedPanel;
  /** Fixed height in CSS pixels, or null for auto-height (the embed reports its height). */
  height: number | null;
}

export const EMBED_DEFAULTS: EmbedOptions = { theme: 'auto', readonly: false, panel: 'size', height: null };
export const EMBED_THEMES: readonly EmbedTheme[] = ['auto', 'light', 'dark'];
export const EMBED_PANELS: readonly EmbedPanel[] = ['size', 'findings', 'diff'];
export const MIN_EMBED_HEIGHT = 120;
export const MAX_EMBED_HEIGHT = 4000;

export function parseEmbedQuery(search: string): { options: EmbedOptions; warnings: string[] } {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const options: EmbedOptions = { ...EMBED_DEFAULTS };
  const warnings: string[] = [];
  const theme = params.get('theme');
  if (theme !== null) {
    if ((EMBED_THEMES as readonly string[]).includes(theme)) options.theme = theme as EmbedTheme;
    else warnings.push(`theme="${clip(theme)}" is not one of auto, light, dark; using auto.`);
  }
  const readonly = params.get('readonly');
  if (readonly !== null) {
    if (readonly === '' || readonly === '1' || readonly === 'true') options.readonly = true;
    else if (readonly === '0' || readonly === 'false') options.readonly = false;
    else warnings.push(`readonly="${clip(readonly)}" is not 1 or 0; the embed stays editable.`);
  }
  const panel = params.get('panel');
  if (panel !== null) {
    if ((EMBED_PANELS as readonly string[]).includes(panel)) options.panel = panel as EmbedPanel;
    else warnings.push(`panel="${clip(panel)}" is not one of size, findings, diff; showing size.`);
  }
  const height = params.get('height');
  if (height !== null && height !== '' && height !== 'auto') {
    const match = /^(\d{1,5})(px)?$/.exec(height.trim());
    const value = match ? Number(match[1]) : NaN;
    if (Number.isFinite(value)) {
      options.height = Math.min(MAX_EMBED_HEIGHT, Math.max(MIN_EMBED_HEIGHT, value));
      if (options.height !== value) {
        warnings.push(
          `height=${value} is outside ${MIN_EMBED_HEIGHT}–${MAX_EMBED_HEIGHT}; using ${options.height}.`,
        );
      }
    } else {
      warnings.push(`height="${clip(height)}" is not a number of pixels; the height follows the content.`);
    }
  }
  return { options, warnings };
}

/** The query string for these options ('' when all are defaults), with the leading '?'. */
export function buildEmbedQuery(options: Partial<EmbedOptions>): string {
  const params = new URLSearchParams();
  if (options.theme && options.theme !== 'auto' && EMBED_THEMES.includes(options.theme)) {
    params.set('theme', options.theme);
  }
  if (options.readonly) params.set('readonly', '1');
  if (options.panel && options.panel !== 'size' && EMBED_PANELS.includes(options.panel)) {
    params.set('panel', options.panel);
  }
  if (typeof options.height === 'number' && Number.isFinite(options.height)) {
    const h = Math.min(MAX_EMBED_HEIGHT, Math.max(MIN_EMBED_HEIGHT, Math.round(options.height)));
    params.set('height', String(h));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
