/**
 * The notebook side of Fitlab in VS Code: the .tfnb notebook type, the kernels and their
 * controllers, the status bar, the runs kept in notebook metadata, and the palette commands.
 */
import * as vscode from 'vscode';
import type { RunStore } from '../runs/runStore';
import { registerCommands } from './commands/registerCommands';
import type { DashboardHandle } from './commands/commandContext';
import { KernelManager, type KernelFactory } from './kernel/kernelManager';
import { KernelStatusBar } from './kernel/statusBar';
import { FitlabControllers } from './notebook/controller';
import { syncRunsWithNotebooks } from './notebook/metadataSync';
import { FITLAB_NOTEBOOK_TYPE, TfnbSerializer } from './notebook/serializer';
import { fitlabSettings } from './config';

export interface HostOptions {
  store: RunStore;
  kernelFactory: KernelFactory;
  /** The dashboard, once registered (it is created after the host). */
  dashboard: () => DashboardHandle | undefined;
}

export interface Host extends vscode.Disposable {
  kernels: KernelManager;
  controllers: FitlabControllers;
}

export function registerHost(context: vscode.ExtensionContext, options: HostOptions): Host {
  const { store } = options;
  const kernels = new KernelManager(options.kernelFactory, fitlabSettings, context.asAbsolutePath('dist/kernel.js'));
  const controllers = new FitlabControllers({ kernels, store });
  const statusBar = new KernelStatusBar(kernels, (notebook) => controllers.serves(notebook));
  const disposables = [
    vscode.workspace.registerNotebookSerializer(FITLAB_NOTEBOOK_TYPE, new TfnbSerializer(), { transientOutputs: false }),
    controllers,
    statusBar,
    syncRunsWithNotebooks(store),
    registerCommands({ extension: context, store, kernels, controllers, dashboard: options.dashboard }),
    { dispose: () => kernels.dispose() },
  ];
  return { kernels, controllers, dispose: () => disposables.forEach((d) => d.dispose()) };
}
