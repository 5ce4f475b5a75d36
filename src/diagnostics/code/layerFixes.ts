/** Layer fixes: an L2 penalty on a Dense layer, a Dropout layer after it, a Dropout rate into range, the output activation the loss expects. */
import type ts from 'typescript';
import { typescript } from './typescript';
import { normalizeLossName } from '../lossNames';
import { DEFAULT_DIAGNOSE_OPTIONS } from '../options';
import { calleeName, compileCalls, indentationAt, layerCalls, numberValue, objectArgument, propertyNamed, propertyValue, stringValue, type CodeRange } from './ast';
import { appendElement, contains, insertAt, isMultiline, replaceNode, type Cell, type QuickFix, type TextEdit } from './textEdits';

export const L2_REGULARIZER = 'kernelRegularizer: fitlab.regularizers.l2(0.001)';
export const DROPOUT_RATE = 0.5;

export function denseCalls(cell: Cell): ts.CallExpression[] {
  return layerCalls(cell.file, 'dense');
}

/** Dense layers before the output one: the ones that regularization and Dropout belong to. */
export function hiddenDenseCalls(cell: Cell): ts.CallExpression[] {
  return denseCalls(cell).slice(0, -1);
}

export function denseAt(cell: Cell, range: CodeRange | undefined): ts.CallExpression | undefined {
  return range ? denseCalls(cell).find((d) => contains(cell, d, range.start)) : undefined;
}

export function addRegularizer(cell: Cell, dense: ts.CallExpression): TextEdit | null {
  const config = objectArgument(dense, 0);
  if (!config || propertyNamed(config, 'kernelRegularizer')) return null;
  return appendElement(cell, config, L2_REGULARIZER);
}

/** `model.add(tf.layers.dense(...));` gets `model.add(tf.layers.dropout({rate: 0.5}));` on the next line; an array element gets a next element. */
export function insertDropoutAfter(cell: Cell, dense: ts.CallExpression): TextEdit | null {
  const prefix = calleeName(dense).replace(/\.dense$/, '');
  const dropout = `${prefix}.dropout({rate: ${DROPOUT_RATE}})`;
  const parent = dense.parent;
  if (typescript().isCallExpression(parent) && typescript().isPropertyAccessExpression(parent.expression) && parent.expression.name.text === 'add' && typescript().isExpressionStatement(parent.parent)) {
    const statement = parent.parent;
    const next = nextStatement(statement);
    if (next && /\.dropout\(/.test(next.getText(cell.file))) return null;
    const receiver = parent.expression.expression.getText(cell.file);
    return insertAt(cell, statement.getEnd(), `\n${indentationAt(cell.source, statement.getStart(cell.file))}${receiver}.add(${dropout});`);
  }
  if (typescript().isArrayLiteralExpression(parent)) {
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
  if (!typescript().isSourceFile(container) && !typescript().isBlock(container)) return undefined;
  return container.statements[container.statements.indexOf(statement) + 1];
}

export function dropoutRateFixes(cell: Cell, range: CodeRange | undefined): QuickFix[] {
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
export function activationFix(cell: Cell): QuickFix | null {
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
