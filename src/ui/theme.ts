// Applies the resolved theme to the page (html[data-theme]); read by app.css.
export function applyTheme(theme: 'light' | 'dark'): void {
  document.documentElement.dataset.theme = theme;
}
