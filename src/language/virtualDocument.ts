/**
 * Builds the one TypeScript program a notebook's code cells form, modelled on what the kernel does:
 * cells run in order, top-level names of a cell are visible to every later cell, and re-running a
 * cell re-declares its names. Each cell opens a block that encloses all later cells:
 *
 *   import * as tf from '@tensorflow/tfjs';   <- imports hoisted from any cell (mapped back to it)
 *   export {};                                 <- a module, so top-level await is allowed
 *   {                                          <- cell 0
 *   const x = 1;
 *   {                                          <- cell 1: sees x
 *   const x = 'a';                             <- shadows cell 0's x instead of "Cannot redeclare"
 *   }}
 *
 * A cell's text is copied one-to-one (imports and `export` keywords blanked to spaces — the kernel
 * drops them too — and top-level `var` -> `let`), so
 * every position maps exactly both ways through the PositionMap.
 *
 * A cell that leaves something open (`model.fit(` while typing) is the last cell included: its own
 * errors land on it, completions and signature help still work in it, and the cells after it are
 * left out until it is closed again, rather than shown errors that are not theirs.
 */
import { analyzeCell } from './cellAnalysis';
import { PositionMap, type MappedSegment } from './positionMap';

export interface VirtualDocument {
  text: string;
  map: PositionMap;
  includedCells: number;
  /** Where each included cell's text starts in the virtual text (its block's `{` is 2 before). */
  cellStarts: number[];
  /** The hoisted imports: every cell sees them. */
  header: string;
  /** The cell each hoisted import came from (its errors are shown there). */
  headerCells: number[];
}

/**
 * `cells` are the code cells' sources in notebook order; their indexes are the map's cell numbers.
 * `includedCells` says how many made it in (fewer than all when one leaks, see above).
 */
export function buildVirtualDocument(cells: readonly string[]): VirtualDocument {
  const segments: MappedSegment[] = [];
  const header: string[] = [];
  const headerCells: number[] = [];
  let headerLength = 0;
  const seenImports = new Set<string>();
  const bodies: string[] = [];

  for (let cell = 0; cell < cells.length; cell++) {
    const source = cells[cell];
    const { imports, varKeywords, exports, leaks } = analyzeCell(source);
    let body = source;
    for (const imp of imports) {
      body = body.slice(0, imp.start) + blank(body.slice(imp.start, imp.end)) + body.slice(imp.end);
      if (seenImports.has(imp.key)) continue; // an identical import earlier already binds these names
      seenImports.add(imp.key);
      const text = source.slice(imp.start, imp.end);
      segments.push({ virtualStart: headerLength, length: text.length, cell, cellStart: imp.start, hoisted: true });
      header.push(text, '\n');
      headerCells.push(cell);
      headerLength += text.length + 1;
    }
    for (const at of varKeywords) body = body.slice(0, at) + 'let' + body.slice(at + 3);
    for (const e of exports) body = body.slice(0, e.start) + blank(body.slice(e.start, e.end)) + body.slice(e.end);
    bodies.push(body);
    if (leaks) break;
  }

  const parts: string[] = [...header, 'export {};\n'];
  let length = headerLength + 'export {};\n'.length;
  const cellStarts: number[] = [];
  bodies.forEach((body, cell) => {
    parts.push('{\n');
    length += 2;
    cellStarts.push(length);
    segments.push({ virtualStart: length, length: body.length, cell, cellStart: 0, hoisted: false });
    parts.push(body, '\n');
    length += body.length + 1;
  });
  parts.push('}'.repeat(bodies.length), '\n');
  return { text: parts.join(''), map: new PositionMap(segments), includedCells: bodies.length, cellStarts, header: header.join(''), headerCells };
}

/** Same length, same line breaks: positions after the blanked text keep their line and column. */
function blank(text: string): string {
  return text.replace(/[^\n\r]/g, ' ');
}
