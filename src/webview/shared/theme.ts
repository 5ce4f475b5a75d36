/**
 * Chart colours from the VS Code theme's CSS variables (light, dark and high contrast all define
 * --vscode-charts-*), with fallbacks for pages outside VS Code such as report.html.
 */
import type { Palette } from './chartSpecs';

const SERIES_VARS: readonly [string, string][] = [
  ['--vscode-charts-blue', '#3794ff'],
  ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-green', '#388a34'],
  ['--vscode-charts-purple', '#b180d7'],
  ['--vscode-charts-red', '#f14c4c'],
  ['--vscode-charts-yellow', '#cca700'],
];

export function readPalette(root: Element = document.body): Palette {
  const style = getComputedStyle(root);
  const css = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    series: SERIES_VARS.map(([name, fallback]) => css(name, fallback)),
    foreground: css('--vscode-charts-foreground', css('--vscode-foreground', '#616161')),
    grid: css('--vscode-charts-lines', 'rgba(128,128,128,0.25)'),
    best: css('--vscode-charts-green', '#388a34'),
    onset: css('--vscode-charts-red', '#f14c4c'),
  };
}

/** The font VS Code uses for its UI, so chart labels read like the rest of the editor. */
export function readFont(root: Element = document.body): { family: string; size: number } {
  const style = getComputedStyle(root);
  const family = style.getPropertyValue('--vscode-font-family').trim() || style.fontFamily || 'system-ui, sans-serif';
  const size = parseFloat(style.getPropertyValue('--vscode-font-size')) || 13;
  return { family, size: Math.max(11, size - 1) };
}
