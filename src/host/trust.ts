/**
 * Workspace trust: Fitlab runs the code in notebook cells, so it runs nothing in a workspace the
 * user has not trusted. The refused cell says why; a message offers the trust editor.
 */
import * as vscode from 'vscode';

export const UNTRUSTED_MESSAGE =
  'Fitlab runs no notebook cells in an untrusted workspace: cells execute code on your machine. Trust this workspace to run them.';

export function isTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

let offered = false;

/** Shows the trust message with a "Manage Workspace Trust" action (once per refusal burst). */
export async function explainUntrusted(): Promise<void> {
  if (offered) return;
  offered = true;
  try {
    const choice = await vscode.window.showWarningMessage(UNTRUSTED_MESSAGE, 'Manage Workspace Trust');
    if (choice === 'Manage Workspace Trust') await vscode.commands.executeCommand('workbench.trust.manage');
  } finally {
    offered = false;
  }
}
