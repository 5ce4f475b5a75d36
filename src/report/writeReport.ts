/**
 * The headless report of `fitlab run --out DIR`: report.html (one self-contained file: charts,
 * run table, findings, checklist; opens offline in any browser) and each run's history as Keras
 * CSVLogger CSV and as JSON under runs/.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChecklistStep, Finding } from '../protocol/findings';
import type { Run } from '../protocol/run';
import { exportFileStem, historyToCsv, runToJson } from '../runs/export';
import { loadReportBundle } from './reportBundle';
import { buildReportHtml } from './reportHtml';

export { renderRunSvg } from './svg';

export interface ReportData {
  title: string;
  runs: Run[];
  findings: Record<string, Finding[]>;
  checklist: ChecklistStep[];
}

/** Writes report.html (self-contained) and each run's history as CSV and JSON into outDir; returns the paths written. */
export async function writeReport(outDir: string, data: ReportData): Promise<string[]> {
  const script = await loadReportBundle();
  await mkdir(join(outDir, 'runs'), { recursive: true });
  const written: string[] = [];
  const files: Record<string, { csv: string; json: string }> = {};
  const used = new Set<string>();
  for (const run of data.runs) {
    let stem = exportFileStem(run);
    for (let n = 2; used.has(stem); n++) stem = `${exportFileStem(run)}-${n}`;
    used.add(stem);
    const csv = `runs/${stem}.csv`;
    const json = `runs/${stem}.json`;
    await writeFile(join(outDir, csv), historyToCsv(run));
    await writeFile(join(outDir, json), runToJson(run));
    written.push(join(outDir, csv), join(outDir, json));
    files[run.id] = { csv, json };
  }
  const html = join(outDir, 'report.html');
  await writeFile(html, buildReportHtml(data, { script, files }));
  return [html, ...written];
}
