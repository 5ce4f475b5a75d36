/**
 * Fitlab's entry point: wiring only. The run store is the hub the notebook kernels feed and the
 * dashboard, diagnostics and commands read.
 */
import type * as vscode from 'vscode';
import { diagnose } from './diagnostics';
import { KernelClient } from './kernel-client/kernelClient';
import { RunStore } from './runs/runStore';
import type { DashboardHandle } from './host/commands/commandContext';
import { openDashboardOnFirstFit } from './host/dashboardOnFirstFit';
import type { KernelFactory } from './host/kernel/kernelManager';
import { fitlabSettings } from './host/config';
import { registerDiagnostics } from './host/diagnostics';
import { registerLanguageFeatures } from './host/language';
import { registerHost } from './host/registerHost';
import { registerDashboard } from './host/webviews/dashboard';
import { safeDiagnose } from './host/safeDiagnose';
import { diagnoseOptions } from './host/settings';

const kernelFactory: KernelFactory = (options) => new KernelClient(options);

export function activate(context: vscode.ExtensionContext): void {
  const diagnoseRun = safeDiagnose((run) => {
    const settings = fitlabSettings();
    return settings.diagnosticsEnabled ? diagnose(run, diagnoseOptions(settings)) : [];
  }, (message) => console.error(message));
  const store = new RunStore(diagnoseRun);
  // registerDashboard adds its own disposables to the context.
  const dashboard: DashboardHandle = registerDashboard(context, { store });
  // Diagnostics subscribe to the store before the host loads the open notebooks' saved runs into
  // it, so a notebook that activated the extension shows its saved findings too.
  const diagnostics = registerDiagnostics(context, { store });
  const host = registerHost(context, { store, kernelFactory, dashboard: () => dashboard });
  context.subscriptions.push(
    host,
    diagnostics,
    registerLanguageFeatures(context),
    openDashboardOnFirstFit(store, () => dashboard),
  );
}

export function deactivate(): void {
  // Kernels are disposed with the extension's subscriptions.
}
