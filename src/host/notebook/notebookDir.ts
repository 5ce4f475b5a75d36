/** The folder a notebook's imports resolve from: its own folder, else the workspace's, else home. */
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

export function notebookDir(uri: vscode.Uri): string {
  if (uri.scheme === 'file') return path.dirname(uri.fsPath);
  const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === 'file' ? folder.uri.fsPath : os.homedir();
}
