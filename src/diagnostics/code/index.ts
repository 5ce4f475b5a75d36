/**
 * Diagnostics over a cell's source code (uses the `typescript` parser, so it is kept apart from
 * src/diagnostics/index.ts, which webviews and the kernel may import without pulling it in).
 */
export type { CodePosition, CodeRange } from './ast';
export { applyEdits } from './edits';
export { lintCell, type CodeHint } from './lint';
export { locateInCode } from './locate';
export { placeFindings, placeInNotebook, type PlacedFinding, type PlacedInCell } from './place';
export { quickFixes, type QuickFix, type QuickFixSubject, type TextEdit } from './quickFixes';
