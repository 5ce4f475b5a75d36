/**
 * Where in a cell's code a finding belongs: the `fit(` call for curve findings, the optimizer for
 * learning-rate findings, the `compile(` call for a loss mismatch, the layer call for layer findings.
 */
import type ts from 'typescript';
import { typescript } from './typescript';
import type { Finding } from '../../protocol/findings';
import type { Run } from '../../protocol/run';
import { allCalls, calleeName, compileCalls, fitCalls, layerCalls, nodeRange, objectArgument, parseCell, propertyNamed, propertyValue, rangeOf, stringValue, type CodeRange } from './ast';

/** The part of a call a squiggle should cover: from the callee to its opening parenthesis (`model.fit(`). */
function callHead(file: ts.SourceFile, call: ts.CallExpression): CodeRange {
  const open = call.getChildren(file).find((child) => child.kind === typescript().SyntaxKind.OpenParenToken);
  return rangeOf(file, call.getStart(file), open ? open.getEnd() : call.getEnd());
}

/** Optimizer constructions: `tf.train.adam(`, `fitlab.optimizers.sgd(`, and `optimizer: 'adam'` in compile. */
function optimizerRanges(file: ts.SourceFile): CodeRange[] {
  const calls = allCalls(file)
    .filter((c) => /(^|\.)train\.\w+$|(^|\.)optimizers\.\w+$/.test(calleeName(c)) && !/\.(getLearningRate|setLearningRate)$/.test(calleeName(c)))
    .map((c) => callHead(file, c));
  const strings = compileCalls(file).flatMap((c) => {
    const property = objectArgument(c, 0) && propertyNamed(objectArgument(c, 0)!, 'optimizer');
    // A call as the value is already found above; a name string ('adam') is the optimizer line itself.
    return property && typescript().isPropertyAssignment(property) && stringValue(property.initializer) !== undefined ? [nodeRange(file, property)] : [];
  });
  return [...calls, ...strings].sort((a, b) => a.start.line - b.start.line || a.start.column - b.start.column);
}

/** Factory names of tfjs layer classes: "Dense" -> "dense", "Conv2D" -> "conv2d". */
function factoryOf(className: string): string {
  return className.charAt(0).toLowerCase() + className.slice(1);
}

/**
 * The calls creating a summarized layer: the one whose `name:` option matches, else the n-th call
 * of its class when the code has exactly as many as the model (so the n-th layer is the n-th call),
 * else every call of its class.
 */
function layerRanges(file: ts.SourceFile, finding: Finding, run?: Run): CodeRange[] {
  const layer = run?.model.layers.find((l) => l.name === finding.layer);
  const className = layer?.className ?? (finding.id === 'dropout-rate' ? 'Dropout' : 'Dense');
  const calls = layerCalls(file, factoryOf(className));
  const named = calls.filter((c) => stringValue(propertyValue(objectArgument(c, 0), 'name')) === finding.layer);
  if (named.length) return named.map((c) => callHead(file, c));
  if (layer && run) {
    const sameClass = run.model.layers.filter((l) => l.className === className);
    if (sameClass.length === calls.length) return [callHead(file, calls[sameClass.indexOf(layer)]!)];
  }
  return calls.map((c) => callHead(file, c));
}

/** 1-based ranges in `source` that `finding` concerns (empty when the code shows none of them). */
export function locateInCode(source: string, finding: Finding, run?: Run): CodeRange[] {
  const file = parseCell(source);
  const fits = (): CodeRange[] => fitCalls(file).map((c) => callHead(file, c));
  switch (finding.target) {
    case 'optimizer': {
      const ranges = optimizerRanges(file);
      return ranges.length ? ranges : compileCalls(file).map((c) => callHead(file, c));
    }
    case 'compile': {
      const losses = compileCalls(file).flatMap((c) => {
        const property = objectArgument(c, 0) && propertyNamed(objectArgument(c, 0)!, 'loss');
        return property ? [nodeRange(file, property)] : [callHead(file, c)];
      });
      return losses;
    }
    case 'layer':
      return layerRanges(file, finding, run);
    case 'fit':
    case 'data':
    default:
      return fits();
  }
}
