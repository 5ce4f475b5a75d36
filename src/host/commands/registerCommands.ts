/** Registers Fitlab's palette commands (ids as in package.json's contributes.commands). */
import * as vscode from 'vscode';
import { KERNEL_MENU_COMMAND } from '../kernel/statusBar';
import type { CommandContext } from './commandContext';
import { kernelMenu, restartKernel, stopTraining } from './kernelCommands';
import { newTrainingNotebook, openExample } from './newNotebook';
import { runAllTrainingCells } from './runAll';
import { compareRuns, exportRunHistory } from './runCommands';
import { selectBackend } from './selectBackend';

export const COMMANDS = {
  newNotebook: 'fitlab.newNotebook',
  openExample: 'fitlab.openExample',
  runAll: 'fitlab.runAll',
  stopTraining: 'fitlab.stopTraining',
  restartKernel: 'fitlab.restartKernel',
  compareRuns: 'fitlab.compareRuns',
  exportRunHistory: 'fitlab.exportRunHistory',
  selectBackend: 'fitlab.selectBackend',
  kernelMenu: KERNEL_MENU_COMMAND,
} as const;

export function registerCommands(ctx: CommandContext): vscode.Disposable {
  // Commands invoked from scripts and tests may pass arguments that skip the pickers.
  const handlers: Record<string, (ctx: CommandContext, ...args: unknown[]) => Promise<void>> = {
    [COMMANDS.newNotebook]: newTrainingNotebook,
    [COMMANDS.openExample]: openExample,
    [COMMANDS.runAll]: runAllTrainingCells,
    [COMMANDS.stopTraining]: stopTraining,
    [COMMANDS.restartKernel]: restartKernel,
    [COMMANDS.compareRuns]: compareRuns,
    [COMMANDS.exportRunHistory]: exportRunHistory,
    [COMMANDS.selectBackend]: selectBackend,
    [COMMANDS.kernelMenu]: kernelMenu,
  };
  return vscode.Disposable.from(...Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, (...args: unknown[]) => handler(ctx, ...args))));
}
