/** TypeScript that knows the whole notebook: the public surface of src/language. */
export {
  NotebookLanguageService,
  type CellCompletion,
  type CellDiagnostic,
  type CellHover,
  type CellRange,
  type CellSignatureHelp,
  type CompletionDetails,
  type DefinitionLocation,
  type SignatureInfo,
} from './notebookLanguageService';
export { explain, explanationText, type Explanation } from './explanations';
export { locateTypeEnvironment, type TypeEnvironment } from './typeEnvironment';
export type { LineCharacter } from './positionMap';
export { checkNotebookCells, formatCheckLine, type CheckedError } from './checkNotebook';
