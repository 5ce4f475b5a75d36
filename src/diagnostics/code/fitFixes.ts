/** Fit-option fixes: validationSplit, and EarlyStopping / ReduceLROnPlateau callbacks. */
import type ts from 'typescript';
import { typescript } from './typescript';
import { fitCalls, fitConfigIndex, propertyNamed, propertyValue, type CodeRange } from './ast';
import { appendElement, combine, contains, insertAt, replaceNode, type Cell, type QuickFix, type TextEdit } from './textEdits';

export const EARLY_STOPPING = "fitlab.callbacks.earlyStopping({monitor: 'val_loss', patience: 5, restoreBestWeights: true})";
export const REDUCE_LR = "fitlab.callbacks.reduceLROnPlateau({monitor: 'val_loss', factor: 0.5, patience: 3})";

/** A fix applied to every fit call of the cell (or only the one at `range`). */
export function addToFits(cell: Cell, title: string, edit: (call: ts.CallExpression) => TextEdit | null, range?: CodeRange): QuickFix | null {
  const calls = fitCalls(cell.file).filter((c) => !range || contains(cell, c, range.start));
  return combine(title, calls.map(edit));
}

/**
 * Adds `text` (a property) to a fit call's options: into the object literal; as a new argument when
 * there is none; around a variable as `{...options, text}` (keeps what the variable holds).
 */
export function addFitOption(cell: Cell, call: ts.CallExpression, name: string, text: string): TextEdit | null {
  const index = fitConfigIndex(call);
  const config = call.arguments[index];
  if (!config) {
    if (call.arguments.length < index) return null;
    return insertAt(cell, call.arguments[call.arguments.length - 1]!.getEnd(), `, {${text}}`);
  }
  if (typescript().isObjectLiteralExpression(config)) return propertyNamed(config, name) ? null : appendElement(cell, config, text);
  return replaceNode(cell, config, `{...${config.getText(cell.file)}, ${text}}`);
}

export function addCallback(cell: Cell, call: ts.CallExpression, callback: string): TextEdit | null {
  const config = call.arguments[fitConfigIndex(call)];
  const existing = config && typescript().isObjectLiteralExpression(config) ? propertyValue(config, 'callbacks') : undefined;
  if (existing) {
    const name = callback.slice(0, callback.indexOf('('));
    if (existing.getText(cell.file).includes(name)) return null;
    if (typescript().isArrayLiteralExpression(existing)) return appendElement(cell, existing, callback);
    // A single callback object or a variable: make it a list with both (spreading keeps an array's items).
    return replaceNode(cell, existing, `[...[${existing.getText(cell.file)}].flat(), ${callback}]`);
  }
  return addFitOption(cell, call, 'callbacks', `callbacks: [${callback}]`);
}
