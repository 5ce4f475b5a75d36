/**
 * report.html as one string: run table, checklist and findings as plain HTML (readable even with
 * scripts off), the charts drawn by the inlined report bundle from the embedded run data, and a
 * static SVG of each run for readers without scripts. A CSP forbids every outside request.
 */
import { randomBytes } from 'node:crypto';
import type { ChecklistStep, Finding } from '../protocol/findings';
import type { Run } from '../protocol/run';
import { formatNumber } from '../webview/shared/format';
import { describeModel } from '../webview/shared/modelSummary';
import { runName, runRow } from '../webview/shared/runTable';
import { REPORT_CSS } from './reportCss';
import { inlineScript, scriptJson, type ReportPageData } from './reportData';
import { renderRunSvg } from './svg';

export interface ReportInput {
  title: string;
  runs: Run[];
  findings: Record<string, Finding[]>;
  checklist: ChecklistStep[];
}

export interface ReportAssets {
  /** The report bundle's source (dist/webview/report.js). */
  script: string;
  /** Relative links to each run's exported files, by run id. */
  files?: Record<string, { csv: string; json: string }>;
  generatedAt?: string;
}

const ICONS: Record<Finding['severity'], string> = { error: '⛔', warning: '⚠', info: 'ℹ' };

export function buildReportHtml(input: ReportInput, assets: ReportAssets): string {
  const nonce = randomBytes(16).toString('base64').replace(/[^A-Za-z0-9]/g, '');
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src data:`;
  const data: ReportPageData = { runs: input.runs, findings: input.findings };
  const generated = assets.generatedAt ?? new Date().toISOString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${esc(input.title)} — Fitlab report</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header><h1>${esc(input.title)}</h1><p class="meta">Fitlab training report · ${input.runs.length} run${input.runs.length === 1 ? '' : 's'} · generated ${esc(generated)}</p></header>
${runTable(input.runs, assets.files)}
${input.runs.length > 1 ? `<section class="overlay"><h2>All runs overlaid</h2><p class="hint">Training loss solid, validation loss dashed, one colour per run.</p><div class="charts" id="overlay-charts"></div></section>` : ''}
${checklist(input.checklist)}
${input.runs.map((run) => runSection(run, runName(input.runs, run.id), input.findings[run.id] ?? [], assets.files?.[run.id])).join('\n')}
<script type="application/json" id="fitlab-report-data">${scriptJson(data)}</script>
<script nonce="${nonce}">${inlineScript(assets.script)}</script>
</body>
</html>
`;
}

function runTable(runs: readonly Run[], files: ReportAssets['files']): string {
  if (runs.length === 0) return '<p>No runs were recorded: no cell called model.fit(...).</p>';
  const rows = runs.map((run) => {
    const r = runRow(run);
    const name = runName(runs, run.id);
    const links = files?.[run.id] ? ` <span class="files"><a href="${attr(files[run.id].csv)}">CSV</a><a href="${attr(files[run.id].json)}">JSON</a></span>` : '';
    return `<tr data-run="${attr(run.id)}"><td><a href="#${attr(anchor(run.id))}">${esc(name)}</a>${links}</td><td class="num">${r.epochs}</td>`
      + `<td class="num">${r.bestValLoss === null ? '–' : `${formatNumber(r.bestValLoss)} @ ${r.bestEpoch}`}</td>`
      + `<td class="num">${formatNumber(r.finalLoss)}</td><td class="num">${formatNumber(r.finalValLoss)}</td><td>${esc(r.status)}</td></tr>`;
  });
  return `<section><h2>Runs</h2><table class="run-table"><thead><tr><th>Run</th><th class="num">Epochs</th><th class="num">Best val_loss @ epoch</th><th class="num">Final loss</th><th class="num">Final val_loss</th><th>Status</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function checklist(steps: readonly ChecklistStep[]): string {
  if (steps.length === 0) return '';
  const done = steps.filter((s) => s.status !== 'todo').length;
  const items = steps.map((s) => `<li class="${s.status}" data-step="${s.id}"><span class="mark">${s.status === 'todo' ? '☐' : '☑'}</span><span><b>${s.number}. ${esc(s.title)}</b> — ${esc(s.why)}</span>${s.evidence ? `<span class="evidence">${esc(s.evidence)}</span>` : ''}</li>`);
  return `<section><h2>Workflow checklist: ${done} of ${steps.length} steps done</h2><ol class="checklist">${items.join('')}</ol></section>`;
}

function runSection(run: Run, name: string, findings: readonly Finding[], files: { csv: string; json: string } | undefined): string {
  const list = findings.map((f) => `<li class="finding ${f.severity}" data-finding="${f.id}"><span class="severity" title="${f.severity}">${ICONS[f.severity]}</span><span class="message">${esc(f.message)}</span>${f.actions.length > 0 ? `<span class="actions">Try: ${esc(f.actions.join('; '))}</span>` : ''}</li>`);
  const stop = run.stopReason ? ` · ${esc(run.stopReason)}` : '';
  const links = files ? `<p class="files"><a href="${attr(files.csv)}">history CSV</a><a href="${attr(files.json)}">run JSON</a></p>` : '';
  return `<section class="run" id="${attr(anchor(run.id))}">
<h2>${esc(name)}</h2>
<p class="model">${esc(describeModel(run.model))} · ${run.model.totalParams} params · ${esc(run.optimizer.name)} lr ${formatNumber(run.optimizer.learningRate.initial)} · ${esc(run.loss)}${run.params.batchSize > 0 ? ` · batch ${run.params.batchSize}` : ''}${stop}</p>
${links}
<div class="charts" data-run-charts="${attr(run.id)}"><noscript><div class="static-chart">${renderRunSvg(run, [...findings])}</div></noscript></div>
${findings.length > 0 ? `<h3>Findings</h3><ul class="findings">${list.join('')}</ul>` : '<p class="hint">No findings for this run.</p>'}
</section>`;
}

const anchor = (runId: string): string => `run-${runId.replace(/[^\w-]/g, '_')}`;
const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (text: string): string => esc(text).replace(/"/g, '&quot;');
