/**
 * Where each finding of a run goes in the cell that ran it: on the code it concerns when the cell
 * shows it (see locate.ts), else on the line of the `fit(` call the run recorded, else on line 1.
 * Each finding is placed once (a layer finding the code cannot pin down goes on the first candidate).
 */
import type { Finding } from '../../protocol/findings';
import type { Run } from '../../protocol/run';
import type { CodeRange } from './ast';
import { locateInCode } from './locate';

export interface PlacedFinding {
  finding: Finding;
  range: CodeRange;
}

function wholeLine(source: string, line: number): CodeRange {
  const lines = source.split('\n');
  const index = Math.min(Math.max(line, 1), Math.max(lines.length, 1));
  const text = lines[index - 1] ?? '';
  const indent = /^\s*/.exec(text)![0].length;
  return { start: { line: index, column: indent + 1 }, end: { line: index, column: text.length + 1 } };
}

export function placeFindings(source: string, findings: readonly Finding[], run?: Run): PlacedFinding[] {
  const fitLine = run?.cell?.fitLine;
  return findings.map((finding) => {
    const ranges = locateInCode(source, finding, run);
    // Several fit calls in a cell: the one the run came from is on the recorded line.
    const onFitLine = fitLine !== undefined ? ranges.find((r) => r.start.line === fitLine) : undefined;
    const range = onFitLine ?? ranges[0] ?? wholeLine(source, fitLine ?? 1);
    return { finding, range };
  });
}

export interface PlacedInCell extends PlacedFinding {
  /** Index of the cell (among the sources given) the finding is placed in. */
  cell: number;
}

/**
 * Places a run's findings across a notebook: in the cell that ran the fit when its code shows what
 * the finding is about, else in the nearest cell above that does (the model is often built in an
 * earlier cell than the one calling fit), else on the fit line of the fit cell.
 */
export function placeInNotebook(sources: readonly string[], fitCell: number, findings: readonly Finding[], run?: Run): PlacedInCell[] {
  return findings.map((finding) => {
    for (let cell = fitCell; cell >= 0; cell--) {
      const source = sources[cell];
      if (source === undefined || locateInCode(source, finding, run).length === 0) continue;
      const [placed] = placeFindings(source, [finding], cell === fitCell ? run : run && { ...run, cell: undefined });
      return { ...placed!, cell };
    }
    const [placed] = placeFindings(sources[fitCell] ?? '', [finding], run);
    return { ...placed!, cell: fitCell };
  });
}
