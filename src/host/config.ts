/** Fitlab's settings as they are now (read on each use, so changes apply without a reload). */
import * as vscode from 'vscode';
import { readSettings, type FitlabSettings } from './settings';

export function fitlabSettings(): FitlabSettings {
  const config = vscode.workspace.getConfiguration('fitlab');
  return readSettings((key) => config.get(key));
}
