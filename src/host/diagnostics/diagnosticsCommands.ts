/** "Fitlab: Diagnose Last Run" and "Fitlab: Show Workflow Checklist". */
import * as vscode from 'vscode';
import { diagnose } from '../../diagnostics';
import { findingHeadline, formatFindings } from '../../diagnostics/format';
import type { RunStore } from '../../runs/runStore';
import { fitlabSettings } from '../config';
import { diagnoseOptions } from '../settings';
import { CHECKLIST_VIEW, checklistNotebook, type ChecklistView } from './checklistView';

export const DIAGNOSE_LAST_RUN = 'fitlab.diagnoseLastRun';
export const SHOW_CHECKLIST = 'fitlab.showChecklist';

/** The run "Diagnose Last Run" is about: the active notebook's last run, else the last run anywhere. */
function lastRun(store: RunStore): ReturnType<RunStore['lastRun']> {
  const notebook = checklistNotebook(store);
  return (notebook && store.lastRun(notebook)) || store.lastRun();
}

/**
 * Shows the findings in the output channel and a one-line summary; returns that summary (for
 * scripts and tests, which cannot read a notification), or undefined when there is no run.
 */
export function diagnoseLastRun(store: RunStore, channel: vscode.OutputChannel): string | undefined {
  const last = lastRun(store);
  if (!last) {
    void vscode.window.showInformationMessage('Fitlab: no run yet. Run a cell that calls model.fit, then diagnose it.');
    return undefined;
  }
  const { run } = last;
  // Diagnosed afresh: the command is asked for even when automatic diagnostics are turned off, and
  // works on a run that is still going.
  const findings = diagnose(run, diagnoseOptions(fitlabSettings()));
  channel.clear();
  channel.append(formatFindings(`${run.label} (${run.status}${run.stopReason ? `: ${run.stopReason}` : ''})`, run.epochs.length, findings));
  channel.show(true);
  const top = findings[0];
  const summary = top ? `${findings.length} finding${findings.length === 1 ? '' : 's'}; ${findingHeadline(top)}` : 'no findings: nothing looks wrong with this run.';
  const message = `Fitlab, ${run.label}: ${summary}`;
  void vscode.window.showInformationMessage(message);
  return message;
}

/** Focuses the checklist view; returns whether it is now visible (for scripts and tests). */
export async function showChecklist(checklist: ChecklistView): Promise<boolean> {
  await vscode.commands.executeCommand(`${CHECKLIST_VIEW}.focus`);
  return checklist.whenVisible(10_000);
}
