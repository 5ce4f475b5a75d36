/**
 * Static hints from a cell's code, before it runs: a `fit` without validation data, a Dropout rate
 * outside 0.2–0.5, a loss that does not match the output activation. Only what the code states
 * literally is judged (a rate held in a variable is not guessed at).
 */
import type ts from 'typescript';
import { typescript } from './typescript';
import type { FindingId, Severity } from '../../protocol/findings';
import { normalizeLossName } from '../lossNames';
import { DEFAULT_DIAGNOSE_OPTIONS } from '../options';
import { activationProblem } from '../rules/model';
import { compileCalls, fitCalls, fitConfigIndex, layerCalls, nodeRange, numberValue, objectArgument, parseCell, propertyNamed, propertyValue, stringValue, type CodeRange } from './ast';

export interface CodeHint {
  id: FindingId;
  severity: Severity;
  message: string;
  range: CodeRange;
  actions: string[];
}

export function lintCell(source: string): CodeHint[] {
  const file = parseCell(source);
  return [...fitWithoutValidation(file), ...dropoutRates(file), ...lossActivation(file)].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column,
  );
}

function fitWithoutValidation(file: ts.SourceFile): CodeHint[] {
  return fitCalls(file).flatMap((call) => {
    const index = fitConfigIndex(call);
    const config = call.arguments[index];
    // A config held in a variable (or spread) may well have validation: do not guess.
    if (config && (!typescript().isObjectLiteralExpression(config) || config.properties.some((p) => typescript().isSpreadAssignment(p)))) return [];
    if (config && (propertyNamed(config, 'validationSplit') || propertyNamed(config, 'validationData'))) return [];
    const head = typescript().isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression;
    return [{
      id: 'no-validation' as const,
      severity: 'warning' as const,
      message: 'No validation data: fit without validationSplit or validationData, so overfitting will not be visible',
      range: nodeRange(file, head),
      actions: ['Add validationSplit: 0.2', 'Or pass validationData: [xVal, yVal]'],
    }];
  });
}

function dropoutRates(file: ts.SourceFile): CodeHint[] {
  const { dropoutMin, dropoutMax } = DEFAULT_DIAGNOSE_OPTIONS;
  return layerCalls(file, 'dropout').flatMap((call) => {
    const rateNode = propertyValue(objectArgument(call, 0), 'rate');
    const rate = numberValue(rateNode);
    if (rate === undefined || (rate >= dropoutMin && rate <= dropoutMax)) return [];
    return [{
      id: 'dropout-rate' as const,
      severity: 'info' as const,
      message: `Dropout rate ${rate} is outside the usual ${dropoutMin}–${dropoutMax}${rate > dropoutMax ? ': the layer may keep the model from learning' : ': it barely regularizes'}`,
      range: nodeRange(file, rateNode!),
      actions: [`Use a rate between ${dropoutMin} and ${dropoutMax}`],
    }];
  });
}

/** The loss of each compile call against the last Dense layer written before it. */
function lossActivation(file: ts.SourceFile): CodeHint[] {
  const denses = layerCalls(file, 'dense');
  return compileCalls(file).flatMap((compile) => {
    const lossNode = propertyValue(objectArgument(compile, 0), 'loss');
    const loss = stringValue(lossNode);
    const output = denses.filter((d) => d.getStart(file) < compile.getStart(file)).at(-1);
    if (!loss || !output) return [];
    const config = objectArgument(output, 0);
    if (!config) return [];
    const units = numberValue(propertyValue(config, 'units'));
    const activationNode = propertyValue(config, 'activation');
    // An activation that is not a literal (a variable) is unknown; a missing one is tfjs's 'linear'.
    if (activationNode && stringValue(activationNode) === undefined) return [];
    const problem = activationProblem(normalizeLossName(loss), units, stringValue(activationNode));
    if (!problem) return [];
    return [{
      id: 'loss-activation-mismatch' as const,
      severity: 'error' as const,
      message: `Loss/activation mismatch: ${problem}`,
      range: nodeRange(file, lossNode!),
      actions: ['Binary labels: 1 unit, sigmoid, binaryCrossentropy', 'K classes: K units, softmax, categoricalCrossentropy', 'Regression: linear output, meanSquaredError'],
    }];
  });
}
