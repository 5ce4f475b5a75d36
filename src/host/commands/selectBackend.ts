/** Select Backend: picks tfjs's backend for new kernels, and offers to restart the running one. */
import * as vscode from 'vscode';
import type { BackendPreference } from '../../protocol/kernel';
import type { CommandContext } from './commandContext';

const descriptions: Record<BackendPreference, string> = {
  auto: 'tfjs-node if installed, else WebAssembly, else plain JavaScript',
  tensorflow: 'native TensorFlow via @tensorflow/tfjs-node (fastest; must be installed)',
  wasm: 'WebAssembly with SIMD: portable, several times faster than cpu',
  cpu: 'plain JavaScript: slowest, always available',
};

function isBackend(value: unknown): value is BackendPreference {
  return typeof value === 'string' && Object.hasOwn(descriptions, value);
}

/** `backend` (for scripts and tests): a backend name that is chosen without showing the picker. */
export async function selectBackend(ctx: CommandContext, backend?: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration('fitlab');
  const current = config.get<BackendPreference>('backend', 'auto');
  const items = (Object.keys(descriptions) as BackendPreference[]).map((backend) => ({
    label: backend,
    description: backend === current ? `${descriptions[backend]} (current)` : descriptions[backend],
    backend,
  }));
  const picked = isBackend(backend) ? { backend } : await vscode.window.showQuickPick(items, { title: 'Fitlab: TensorFlow.js backend', placeHolder: `Current: ${current}` });
  if (!picked) return;
  // Write where the value is set now, so a workspace setting is not silently shadowing the choice.
  const inspected = config.inspect<BackendPreference>('backend');
  const target = inspected?.workspaceFolderValue !== undefined ? vscode.ConfigurationTarget.WorkspaceFolder : inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('backend', picked.backend, target);
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  const running = notebook !== undefined && ctx.kernels.has(notebook.uri.toString());
  if (!running) {
    void vscode.window.showInformationMessage(`Fitlab: backend set to ${picked.backend}; the next kernel starts on it.`);
    return;
  }
  const restart = await vscode.window.showInformationMessage(
    `Fitlab: backend set to ${picked.backend}. The running kernel keeps its backend until it restarts (which clears its variables).`,
    'Restart Kernel',
  );
  if (restart) await vscode.commands.executeCommand('fitlab.restartKernel');
}
