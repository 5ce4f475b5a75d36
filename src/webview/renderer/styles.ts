/**
 * The renderer's CSS, added once per document (or shadow root) it renders into. Theme colours
 * come from the notebook webview's --vscode-* variables.
 */
const CSS = `
.fitlab-run { font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px); color: var(--vscode-foreground, inherit); padding: 4px 0; }
.fitlab-run .status { margin: 0 0 4px; color: var(--vscode-descriptionForeground, #717171); }
.fitlab-run .status b { color: var(--vscode-foreground, inherit); font-weight: 600; }
.fitlab-run .charts { display: flex; flex-wrap: wrap; gap: 8px; }
.fitlab-run .chart { margin: 0; flex: 1 1 300px; max-width: 520px; min-width: 240px; }
.fitlab-run .chart-header h3 { margin: 0; font-size: .92em; font-weight: 600; }
.fitlab-run .chart-canvas { position: relative; height: 170px; }
.fitlab-run .marker-notes { display: none; } /* the findings below say the same, once */
.fitlab-run .findings { list-style: none; margin: 6px 0 0; padding: 0; display: grid; gap: 3px; }
.fitlab-run .finding { display: grid; grid-template-columns: 1.4em 1fr; }
.fitlab-run .finding .actions { grid-column: 2; color: var(--vscode-descriptionForeground, #717171); }
.fitlab-run .finding.error .severity { color: var(--vscode-errorForeground, #a1260d); }
.fitlab-run .finding.warning .severity { color: var(--vscode-editorWarning-foreground, #bf8803); }
.fitlab-run .finding.info .severity { color: var(--vscode-editorInfo-foreground, #1a85ff); }
`;

const styled = new WeakSet<Node>();

export function ensureStyles(element: HTMLElement): void {
  const root = element.getRootNode();
  const target = root instanceof ShadowRoot ? root : document.head;
  if (styled.has(target)) return;
  const style = document.createElement('style');
  style.textContent = CSS;
  target.prepend(style);
  styled.add(target);
}
