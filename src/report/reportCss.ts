/** report.html's stylesheet (inlined: the report is one file). Light and dark follow the reader's system. */
export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --vscode-foreground: #24292f; --vscode-editor-background: #ffffff; --vscode-descriptionForeground: #57606a;
  --vscode-charts-foreground: #24292f; --vscode-charts-lines: rgba(120,120,120,.22);
  --vscode-charts-blue: #1f77b4; --vscode-charts-orange: #ff7f0e; --vscode-charts-green: #2ca02c;
  --vscode-charts-purple: #9467bd; --vscode-charts-red: #d62728; --vscode-charts-yellow: #bcbd22;
  --border: #d0d7de; --vscode-font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; --vscode-font-size: 14px;
}
@media (prefers-color-scheme: dark) {
  :root {
    --vscode-foreground: #e6edf3; --vscode-editor-background: #0d1117; --vscode-descriptionForeground: #8d96a0;
    --vscode-charts-foreground: #e6edf3; --vscode-charts-lines: rgba(200,200,200,.18);
    --vscode-charts-blue: #58a6ff; --vscode-charts-orange: #f0883e; --vscode-charts-green: #3fb950;
    --vscode-charts-purple: #bc8cff; --vscode-charts-red: #f85149; --vscode-charts-yellow: #d29922; --border: #30363d;
  }
}
body { margin: 0 auto; max-width: 1200px; padding: 24px; color: var(--vscode-foreground); background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); line-height: 1.5; }
h1 { font-size: 1.6em; margin: 0 0 4px; } h2 { font-size: 1.25em; margin: 28px 0 8px; } h3 { font-size: 1.05em; margin: 0; }
.meta, .model, .hint { color: var(--vscode-descriptionForeground); }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--border); }
td.num, th.num { text-align: right; }
.checklist { list-style: none; padding: 0; display: grid; gap: 4px; }
.checklist li { display: grid; grid-template-columns: 1.6em 1fr; }
.checklist .todo .mark { color: var(--vscode-descriptionForeground); }
.checklist .done .mark, .checklist .manual-done .mark { color: var(--vscode-charts-green); }
.checklist .evidence { grid-column: 2; color: var(--vscode-descriptionForeground); font-size: .92em; }
.run { border-top: 1px solid var(--border); margin-top: 24px; padding-top: 8px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 12px; margin-top: 8px; }
.chart { margin: 0; padding: 8px; border: 1px solid var(--border); border-radius: 6px; }
.chart-loss { grid-column: 1 / -1; }
.chart-header h3 { font-size: .95em; }
.chart-canvas { position: relative; height: 260px; }
.chart-loss .chart-canvas { height: 300px; }
.marker-notes { list-style: none; margin: 4px 0 0; padding: 0; font-size: .92em; }
.marker-note.onset { color: var(--vscode-charts-red); }
.marker-note.best { color: var(--vscode-descriptionForeground); }
.static-chart svg { max-width: 100%; height: auto; }
.findings { list-style: none; padding: 0; display: grid; gap: 6px; }
.finding { display: grid; grid-template-columns: 1.5em 1fr; }
.finding .actions { grid-column: 2; color: var(--vscode-descriptionForeground); }
.finding.error .severity { color: var(--vscode-charts-red); }
.finding.warning .severity { color: var(--vscode-charts-orange); }
.finding.info .severity { color: var(--vscode-charts-blue); }
.files a { margin-right: 10px; }
`;
