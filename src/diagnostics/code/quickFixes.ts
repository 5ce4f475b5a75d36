/**
 * Quick fixes as pure text edits of a cell: add an L2 weight penalty to a Dense layer, insert a
 * Dropout layer after it, add an EarlyStopping or ReduceLROnPlateau callback, add validationSplit,
 * set a Dropout rate into range, fix the output activation. Every edit keeps the code's own layout
 * (one-line objects stay on one line, multi-line ones get a new line at the same indentation).
 */
import ts from 'typescript';
import type { FindingId } from '../../protocol/findings';
import { normalizeLossName } from '../lossNames';
import { DEFAULT_DIAGNOSE_OPTIONS } from '../options';
import {
  calleeName, compileCalls, fitCalls, fitConfigIndex, indentationAt, layerCalls, numberValue, objectArgument, offsetAt, parseCell,
  positionAt, propertyNamed, propertyValue, stringValue, type CodePosition, type CodeRange,
} from './ast';

export interface TextEdit {
  start: CodePosition;
  end: CodePosition;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor may apply as "the" fix of its diagnostic. */
  preferred?: boolean;
}

/** What a fix is for: a run finding or a static hint (both fit this shape). */
export interface QuickFixSubject {
  id: FindingId;
  /** Where the diagnostic sits in the cell (a layer call, the fit call, a rate literal). */
  range?: CodeRange;
  layer?: string;
}

export const L2_REGULARIZER = 'kernelRegularizer: fitlab.regularizers.l2(0.001)';
export const EARLY_STOPPING = "fitlab.callbacks.earlyStopping({monitor: 'val_loss', patience: 5, restoreBestWeights: true})";
export const REDUCE_LR = "fitlab.callbacks.reduceLROnPlateau({monitor: 'val_loss', factor: 0.5, patience: 3})";
const DROPOUT_RATE = 0.5;

interface Cell {
  source: string;
  file: ts.SourceFile;
}

export function quickFixes(source: string, subject: QuickFixSubject): QuickFix[] {
  const cell: Cell = { source, file: parseCell(source) };
  const fixes: (QuickFix | null)[] = [];
  switch (subject.id) {
    case 'overfitting': {
      const hidden = hiddenDenseCalls(cell);
      fixes.push(
        combine(`Add L2 regularization (0.001) to ${plural(hidden.length, 'hidden Dense layer')}`, hidden.map((d) => addRegularizer(cell, d))),
        combine(`Insert Dropout(${DROPOUT_RATE}) after ${plural(hidden.length, 'hidden Dense layer')}`, hidden.map((d) => insertDropoutAfter(cell, d))),
        addToFits(cell, 'Add an EarlyStopping callback (restores the best epoch)', (c) => addCallback(cell, c, EARLY_STOPPING), subject.range),
        addToFits(cell, 'Add a ReduceLROnPlateau callback', (c) => addCallback(cell, c, REDUCE_LR), subject.range),
      );
      break;
    }
    case 'no-regularization': {
      const dense = denseAt(cell, subject.range);
      if (dense) fixes.push(combine('Add L2 regularization (0.001) to this layer', [addRegularizer(cell, dense)]), combine(`Insert Dropout(${DROPOUT_RATE}) after this layer`, [insertDropoutAfter(cell, dense)]));
      break;
    }
    case 'no-validation':
      fixes.push(addToFits(cell, 'Add validationSplit: 0.2', (c) => addFitOption(cell, c, 'validationSplit', 'validationSplit: 0.2'), subject.range));
      break;
    case 'lr-too-high':
    case 'still-improving':
      fixes.push(addToFits(cell, subject.id === 'lr-too-high' ? 'Add a ReduceLROnPlateau callback' : 'Add an EarlyStopping callback (restores the best epoch)', (c) => addCallback(cell, c, subject.id === 'lr-too-high' ? REDUCE_LR : EARLY_STOPPING), subject.id === 'lr-too-high' ? undefined : subject.range));
      break;
    case 'dropout-rate':
      fixes.push(...dropoutRateFixes(cell, subject.range));
      break;
    case 'loss-activation-mismatch':
      fixes.push(activationFix(cell));
      break;
    default:
      break;
  }
  const result = fixes.filter((f): f is QuickFix => f !== null);
  if (result[0]) result[0].preferred = true;
  return result;
}

function plural(n: number, noun: string): string {
  return n === 1 ? `the ${noun}` : `${n} ${noun}s`;
}

/** One fix from several edits, or null when any part is impossible or there is nothing to do. */
function combine(title: string, edits: (TextEdit | null)[]): QuickFix | null {
  const real = edits.filter((e): e is TextEdit => e !== null);
  return real.length ? { title, edits: real } : null;
}

function insertAt(cell: Cell, offset: number, newText: string): TextEdit {
  const position = positionAt(cell.file, offset);
  return { start: position, end: position, newText };
}

function replaceNode(cell: Cell, node: ts.Node, newText: string): TextEdit {
  return { start: positionAt(cell.file, node.getStart(cell.file)), end: positionAt(cell.file, node.getEnd()), newText };
}

function isMultiline(cell: Cell, node: ts.Node): boolean {
  return cell.source.slice(node.getStart(cell.file), node.getEnd()).includes('\n');
}

/** Inserts `text` as the last element of an object or array literal, in the literal's own layout. */
function appendElement(cell: Cell, literal: ts.ObjectLiteralExpression | ts.ArrayLiteralExpression, text: string): TextEdit {
  const elements: ts.NodeArray<ts.Node> = ts.isObjectLiteralExpression(literal) ? literal.properties : literal.elements;
  const last = elements[elements.length - 1];
  if (!last) {
    const open = literal.getStart(cell.file) + 1;
    return { start: positionAt(cell.file, open), end: positionAt(cell.file, literal.getEnd() - 1), newText: text };
  }
  if (isMultiline(cell, literal) && cell.source.slice(literal.getStart(cell.file), last.getStart(cell.file)).includes('\n')) {
    return insertAt(cell, last.getEnd(), `,\n${indentationAt(cell.source, last.getStart(cell.file))}${text}`);
  }
  return insertAt(cell, last.getEnd(), `, ${text}`);
}

// ---------------------------------------------------------------- layers

function denseCalls(cell: Cell): ts.CallExpression[] {
  return layerCalls(cell.file, 'dense');
}

/** Dense layers before the output one: the ones that regularization and Dropout belong to. */
function hiddenDenseCalls(cell: Cell): ts.CallExpression[] {
  return denseCalls(cell).slice(0, -1);
}

function contains(cell: Cell, node: ts.Node, position: CodePosition): boolean {
  const offset = offsetAt(cell.file, position);
  return node.getStart(cell.file) <= offset && offset <= node.getEnd();
}

function denseAt(cell: Cell, range: CodeRange | undefined): ts.CallExpression | undefined {
  return range ? denseCalls(cell).find((d) => contains(cell, d, range.start)) : undefined;
}

function addRegularizer(cell: Cell, dense: ts.CallExpression): TextEdit | null {
  const config = objectArgument(dense, 0);
  if (!config || propertyNamed(config, 'kernelRegularizer')) return null;
  return appendElement(cell, config, L2_REGULARIZER);
}

/** `model.add(tf.layers.dense(...));` gets `model.add(tf.layers.dropout({rate: 0.5}));` on the next line; an array element gets a next element. */
function insertDropoutAfter(cell: Cell, dense: ts.CallExpression): TextEdit | null {
  const prefix = calleeName(dense).replace(/\.dense$/, '');
  const dropout = `${prefix}.dropout({rate: ${DROPOUT_RATE}})`;
  const parent = dense.parent;
  if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression) && parent.expression.name.text === 'add' && ts.isExpressionStatement(parent.parent)) {
    const statement = parent.parent;
    const next = nextStatement(statement);
    if (next && /\.dropout\(/.test(next.getText(cell.file))) return null;
    const receiver = parent.expression.expression.getText(cell.file);
    return insertAt(cell, statement.getEnd(), `\n${indentationAt(cell.source, statement.getStart(cell.file))}${receiver}.add(${dropout});`);
  }
  if (ts.isArrayLiteralExpression(parent)) {
    const index = parent.elements.indexOf(dense);
    const next = parent.elements[index + 1];
    if (next && /\.dropout\(/.test(next.getText(cell.file))) return null;
    const multiline = index > 0 ? cell.source.slice(parent.elements[index - 1]!.getEnd(), dense.getStart(cell.file)).includes('\n') : isMultiline(cell, parent);
    return insertAt(cell, dense.getEnd(), multiline ? `,\n${indentationAt(cell.source, dense.getStart(cell.file))}${dropout}` : `, ${dropout}`);
  }
  return null;
}

function nextStatement(statement: ts.Statement): ts.Statement | undefined {
  const container = statement.parent;
  if (!ts.isSourceFile(container) && !ts.isBlock(container)) return undefined;
  return container.statements[container.statements.indexOf(statement) + 1];
}

function dropoutRateFixes(cell: Cell, range: CodeRange | undefined): QuickFix[] {
  const { dropoutMin, dropoutMax } = DEFAULT_DIAGNOSE_OPTIONS;
  return layerCalls(cell.file, 'dropout').flatMap((call) => {
    const rateNode = propertyValue(objectArgument(call, 0), 'rate');
    const rate = numberValue(rateNode);
    if (!rateNode || rate === undefined || (rate >= dropoutMin && rate <= dropoutMax)) return [];
    if (range && !contains(cell, call, range.start) && !contains(cell, rateNode, range.start)) return [];
    const target = rate > dropoutMax ? dropoutMax : dropoutMin;
    return [{ title: `Set the Dropout rate to ${target}`, edits: [replaceNode(cell, rateNode, String(target))] }];
  });
}

/** The activation the loss expects on the last Dense layer before compile: sigmoid or softmax. */
function activationFix(cell: Cell): QuickFix | null {
  const compile = compileCalls(cell.file)[0];
  const loss = normalizeLossName(stringValue(propertyValue(compile && objectArgument(compile, 0), 'loss')) ?? '');
  const wanted = loss === 'binarycrossentropy' ? 'sigmoid' : loss.includes('categoricalcrossentropy') ? 'softmax' : null;
  const output = compile && denseCalls(cell).filter((d) => d.getStart(cell.file) < compile.getStart(cell.file)).at(-1);
  const config = output && objectArgument(output, 0);
  if (!wanted || !config) return null;
  const units = numberValue(propertyValue(config, 'units'));
  if (wanted === 'softmax' && units === 1) return null;
  const current = propertyValue(config, 'activation');
  if (current && stringValue(current) === wanted) return null;
  const edit = current ? replaceNode(cell, current, `'${wanted}'`) : appendElement(cell, config, `activation: '${wanted}'`);
  return { title: `Use activation '${wanted}' on the output layer`, edits: [edit] };
}

// ---------------------------------------------------------------- fit options

/** A fix applied to every fit call of the cell (or only the one at `range`). */
function addToFits(cell: Cell, title: string, edit: (call: ts.CallExpression) => TextEdit | null, range?: CodeRange): QuickFix | null {
  const calls = fitCalls(cell.file).filter((c) => !range || contains(cell, c, range.start));
  return combine(title, calls.map(edit));
}

/**
 * Adds `text` (a property) to a fit call's options: into the object literal; as a new argument when
 * there is none; around a variable as `{...options, text}` (keeps what the variable holds).
 */
function addFitOption(cell: Cell, call: ts.CallExpression, name: string, text: string): TextEdit | null {
  const index = fitConfigIndex(call);
  const config = call.arguments[index];
  if (!config) {
    if (call.arguments.length < index) return null;
    return insertAt(cell, call.arguments[call.arguments.length - 1]!.getEnd(), `, {${text}}`);
  }
  if (ts.isObjectLiteralExpression(config)) return propertyNamed(config, name) ? null : appendElement(cell, config, text);
  return replaceNode(cell, config, `{...${config.getText(cell.file)}, ${text}}`);
}

function addCallback(cell: Cell, call: ts.CallExpression, callback: string): TextEdit | null {
  const config = call.arguments[fitConfigIndex(call)];
  const existing = config && ts.isObjectLiteralExpression(config) ? propertyValue(config, 'callbacks') : undefined;
  if (existing) {
    const name = callback.slice(0, callback.indexOf('('));
    if (existing.getText(cell.file).includes(name)) return null;
    if (ts.isArrayLiteralExpression(existing)) return appendElement(cell, existing, callback);
    // A single callback object or a variable: make it a list with both (spreading keeps an array's items).
    return replaceNode(cell, existing, `[...[${existing.getText(cell.file)}].flat(), ${callback}]`);
  }
  return addFitOption(cell, call, 'callbacks', `callbacks: [${callback}]`);
}
