/** Conversions between the language service's plain shapes and VS Code's types. */
import * as vscode from 'vscode';
import type { CellRange, DefinitionLocation, LineCharacter } from '../../language';

export function toPosition(p: LineCharacter): vscode.Position {
  return new vscode.Position(p.line, p.character);
}

export function toRange(r: { start: LineCharacter; end: LineCharacter }): vscode.Range {
  return new vscode.Range(toPosition(r.start), toPosition(r.end));
}

export function fromPosition(p: vscode.Position): LineCharacter {
  return { line: p.line, character: p.character };
}

/** A definition's location: another cell's document, or a declaration file on disk. */
export function toLocation(def: DefinitionLocation, cells: readonly vscode.NotebookCell[]): vscode.Location | undefined {
  if (def.kind === 'file') return new vscode.Location(vscode.Uri.file(def.file), toRange(def));
  const cell = cells[def.cell];
  return cell ? new vscode.Location(cell.document.uri, toRange(def)) : undefined;
}

export function cellRangeIn(range: CellRange, cell: number): vscode.Range | undefined {
  return range.cell === cell ? toRange(range) : undefined;
}

/** TypeScript's ScriptElementKind names to VS Code's completion kinds. */
export function completionKind(kind: string): vscode.CompletionItemKind {
  switch (kind) {
    case 'method':
    case 'construct':
      return vscode.CompletionItemKind.Method;
    case 'function':
    case 'local function':
      return vscode.CompletionItemKind.Function;
    case 'property':
    case 'getter':
    case 'setter':
      return vscode.CompletionItemKind.Property;
    case 'class':
    case 'local class':
      return vscode.CompletionItemKind.Class;
    case 'interface':
      return vscode.CompletionItemKind.Interface;
    case 'type':
    case 'type parameter':
      return vscode.CompletionItemKind.TypeParameter;
    case 'enum':
      return vscode.CompletionItemKind.Enum;
    case 'enum member':
      return vscode.CompletionItemKind.EnumMember;
    case 'module':
    case 'external module name':
      return vscode.CompletionItemKind.Module;
    case 'keyword':
      return vscode.CompletionItemKind.Keyword;
    case 'const':
      return vscode.CompletionItemKind.Constant;
    case 'string':
      return vscode.CompletionItemKind.Value;
    default:
      return vscode.CompletionItemKind.Variable;
  }
}
