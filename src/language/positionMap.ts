/**
 * The map between the virtual document (all code cells concatenated into one TypeScript program)
 * and the cells the user sees. The virtual text is a sequence of segments: a segment copied from a
 * cell keeps its characters one-to-one, generated glue text (block braces, `export {}`) maps to
 * nothing. Offsets are UTF-16 code units, like TypeScript's and VS Code's.
 */

/** A run of virtual text copied verbatim (same length) from one cell. */
export interface MappedSegment {
  virtualStart: number;
  length: number;
  cell: number;
  cellStart: number;
  /** Hoisted segments (imports moved to the top) win when a cell offset maps to two places. */
  hoisted: boolean;
}

/** A position inside a cell's own text. */
export interface CellOffset {
  cell: number;
  offset: number;
}

export class PositionMap {
  /** Sorted by virtualStart (the order the builder appends them in). */
  private readonly segments: readonly MappedSegment[];

  constructor(segments: readonly MappedSegment[]) {
    this.segments = [...segments].sort((a, b) => a.virtualStart - b.virtualStart);
  }

  /** Where a cell offset lives in the virtual text; the end of a segment counts as inside it. */
  toVirtual(cell: number, offset: number): number | undefined {
    let found: MappedSegment | undefined;
    for (const s of this.segments) {
      if (s.cell !== cell || offset < s.cellStart || offset > s.cellStart + s.length) continue;
      if (!found || (s.hoisted && !found.hoisted)) found = s;
    }
    return found ? found.virtualStart + (offset - found.cellStart) : undefined;
  }

  /** The cell offset of a virtual offset, or undefined inside generated glue text. */
  toCell(virtualOffset: number): CellOffset | undefined {
    const s = this.segmentAt(virtualOffset);
    return s ? { cell: s.cell, offset: s.cellStart + (virtualOffset - s.virtualStart) } : undefined;
  }

  /**
   * A virtual span mapped to one cell: both ends must land in segments of the same cell. A span
   * that starts in glue (e.g. a missing brace at the very end) is pulled back into the last cell
   * before it, so a syntax error is never silently lost.
   */
  spanToCell(start: number, length: number): { cell: number; start: number; end: number } | undefined {
    const from = this.toCell(start) ?? this.lastCellOffsetBefore(start);
    if (!from) return undefined;
    const to = this.toCell(start + length);
    const end = to && to.cell === from.cell ? to.offset : from.offset;
    return { cell: from.cell, start: from.offset, end: Math.max(end, from.offset) };
  }

  private segmentAt(virtualOffset: number): MappedSegment | undefined {
    // Binary search for the last segment starting at or before the offset.
    let lo = 0;
    let hi = this.segments.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.segments[mid].virtualStart <= virtualOffset) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best < 0) return undefined;
    const s = this.segments[best];
    return virtualOffset <= s.virtualStart + s.length ? s : undefined;
  }

  private lastCellOffsetBefore(virtualOffset: number): CellOffset | undefined {
    let last: MappedSegment | undefined;
    for (const s of this.segments) if (s.virtualStart + s.length <= virtualOffset && !s.hoisted) last = s;
    return last ? { cell: last.cell, offset: last.cellStart + last.length } : undefined;
  }
}

/** 0-based line and character of an offset in a text. */
export interface LineCharacter {
  line: number;
  character: number;
}

export function offsetToLineCharacter(text: string, offset: number): LineCharacter {
  let line = 0;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: end - lineStart };
}

export function lineCharacterToOffset(text: string, position: LineCharacter): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const max = lineEnd < 0 ? text.length : lineEnd;
  return Math.min(offset + position.character, max);
}
