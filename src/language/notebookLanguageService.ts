/**
 * TypeScript that knows the whole notebook: one LanguageService per notebook over the virtual
 * document of its code cells (see virtualDocument.ts). Callers speak in cells and 0-based
 * line/character positions inside a cell; everything TypeScript answers is mapped back the same
 * way, and anything that lands in generated glue text is dropped rather than shown in a wrong place.
 */
import ts from 'typescript';
import { explain, explanationText } from './explanations';
import { RegionCheck } from './regionCheck';
import { lineCharacterToOffset, offsetToLineCharacter, type LineCharacter } from './positionMap';
import { NotebookScriptHost, sharedRegistry } from './scriptHost';
import { locateTypeEnvironment, type TypeEnvironment } from './typeEnvironment';
import { buildVirtualDocument, type VirtualDocument } from './virtualDocument';

export interface CellRange {
  cell: number;
  start: LineCharacter;
  end: LineCharacter;
}

export interface CellDiagnostic extends CellRange {
  message: string;
  /** TypeScript's error code (e.g. 2322), shown as "ts(2322)". */
  code: number;
  severity: 'error' | 'warning';
}

export interface CellCompletion {
  name: string;
  /** TypeScript's ScriptElementKind ('const', 'method', 'property', ...). */
  kind: string;
  sortText: string;
  insertText?: string;
  /** Where the completion replaces text, when TypeScript says (e.g. after `.` in `x.fo|`). */
  replace?: CellRange;
  /** Pass back to completionDetails (auto-import source etc.). */
  source?: string;
}

export interface CompletionDetails {
  detail: string;
  documentation: string;
}

export interface CellHover {
  /** The declaration's signature ("const model: Sequential"). */
  signature: string;
  /** Doc comment and tags, as Markdown. */
  documentation: string;
  /** The two-line explanation of a regularization/schedule name (issue 7), when there is one. */
  explanation?: string;
  range: CellRange;
}

export interface SignatureInfo {
  label: string;
  documentation: string;
  parameters: { label: string; documentation: string }[];
}

export interface CellSignatureHelp {
  signatures: SignatureInfo[];
  activeSignature: number;
  activeParameter: number;
}

/** A definition in a cell of this notebook, or in a declaration file (tfjs, fitlab). */
export type DefinitionLocation = ({ kind: 'cell' } & CellRange) | { kind: 'file'; file: string; start: LineCharacter; end: LineCharacter };

/**
 * Diagnostics the kernel's semantics make wrong. With the program a module these should not arise;
 * they are filtered as a safety net only — never a type error. (A re-declaration across cells
 * cannot arise either: each cell is a nested block, so it shadows; within one cell it is a real
 * error, reported, as the kernel rejects it too.)
 */
const KERNEL_ACCEPTS = new Set<number>([
  1375, // 'await' expressions are only allowed at the top level of a file when that file is a module
  1378, // Top-level 'await' expressions are only allowed when the 'module' option is set to ...
  1431, // 'for await' loops are only allowed at the top level of a file when that file is a module
  1432, // Top-level 'for await' loops are only allowed when ...
  7028, // Unused label (an object literal `{a: 1}` as a cell's last line)
]);

/**
 * Packages other than tfjs and fitlab resolve at run time from the notebook's own folder
 * (kernel/require.ts), which the checker does not see: such an import is typed `any` rather than
 * flagged "Cannot find module" — the kernel reports a missing package with an install hint.
 */
const UNRESOLVED_PACKAGE = new Set<number>([2307, 7016]);

let documentCounter = 0;

export class NotebookLanguageService {
  private readonly host: NotebookScriptHost;
  private readonly service: ts.LanguageService;
  private cells: string[] = [];
  private doc: VirtualDocument = buildVirtualDocument([]);
  private readonly regionCheck = new RegionCheck<CellDiagnostic>();

  constructor(env: TypeEnvironment = locateTypeEnvironment()) {
    this.host = new NotebookScriptHost(env, `notebook-${++documentCounter}`);
    this.service = ts.createLanguageService(this.host, sharedRegistry);
  }

  /** Replaces all code cells (sources in notebook order). */
  setCells(cells: readonly string[]): void {
    this.cells = [...cells];
    this.regionCheck.resetAll();
    this.rebuild();
  }

  /** Changes one cell's text; the cheap path while the user types. */
  updateCell(cell: number, source: string): void {
    if (cell < 0 || cell >= this.cells.length) throw new RangeError(`fitlab: no code cell ${cell} (the notebook has ${this.cells.length})`);
    if (this.cells[cell] === source) return;
    this.cells[cell] = source;
    this.rebuild();
  }

  /**
   * Inserts a cell before cell `index` (at the end when `index` is the cell count). Not a new
   * notebook: the next check re-checks what an edit of an empty cell to `source` would.
   */
  insertCell(index: number, source: string): void {
    if (!Number.isInteger(index) || index < 0 || index > this.cells.length) throw new RangeError(`fitlab: cannot insert a code cell at ${index} (the notebook has ${this.cells.length})`);
    this.cells.splice(index, 0, source);
    this.regionCheck.insertCell(index);
    this.rebuild();
  }

  /** Removes cell `index`; the next check re-checks what an edit of it to nothing would. */
  removeCell(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.cells.length) throw new RangeError(`fitlab: no code cell ${index} (the notebook has ${this.cells.length})`);
    this.cells.splice(index, 1);
    this.regionCheck.removeCell(index);
    this.rebuild();
  }

  get cellCount(): number {
    return this.cells.length;
  }

  /** How many cells the last diagnostics() type-checked (the others kept their errors). */
  get lastCheckedCells(): number {
    return this.regionCheck.checkedCells;
  }

  /** The generated program, for debugging and tests. */
  get virtualText(): string {
    return this.doc.text;
  }

  /** Syntax and type errors of every cell, each placed on its own cell and line. */
  diagnostics(): CellDiagnostic[] {
    const file = this.host.virtualFile;
    const rawSyntactic = this.service.getSyntacticDiagnostics(file);
    const syntactic = this.toCellDiagnostics(rawSyntactic);
    const semantic = this.regionCheck.semantic({
      service: this.service,
      file,
      cells: this.cells.slice(0, this.doc.includedCells),
      cellStarts: this.doc.cellStarts,
      header: this.doc.header,
      headerCells: this.doc.headerCells,
      syntaxClean: rawSyntactic.length === 0,
      convert: (raw) => this.toCellDiagnostics(raw),
    });
    const seen = new Set<string>();
    return [...syntactic, ...semantic]
      .filter((d) => {
        const key = `${d.cell}:${d.start.line}:${d.start.character}:${d.code}:${d.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort((a, b) => a.cell - b.cell || a.start.line - b.start.line || a.start.character - b.start.character);
  }

  private toCellDiagnostics(raw: readonly ts.Diagnostic[]): CellDiagnostic[] {
    const out: CellDiagnostic[] = [];
    for (const d of raw) {
      if (d.start === undefined || d.length === undefined) continue;
      if (d.category !== ts.DiagnosticCategory.Error && d.category !== ts.DiagnosticCategory.Warning) continue;
      if (KERNEL_ACCEPTS.has(d.code) || UNRESOLVED_PACKAGE.has(d.code)) continue;
      const range = this.toCellRange(d.start, d.length);
      if (!range) continue;
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      out.push({ ...range, message, code: d.code, severity: d.category === ts.DiagnosticCategory.Error ? 'error' : 'warning' });
    }
    return out;
  }

  completions(cell: number, position: LineCharacter): CellCompletion[] {
    const at = this.toVirtual(cell, position);
    if (at === undefined) return [];
    const result = this.service.getCompletionsAtPosition(this.host.virtualFile, at, {
      includeCompletionsWithInsertText: true,
      includeCompletionsForModuleExports: false,
    });
    if (!result) return [];
    return result.entries.map((e) => {
      const replace = e.replacementSpan ? this.toCellRange(e.replacementSpan.start, e.replacementSpan.length) : undefined;
      return {
        name: e.name,
        kind: e.kind,
        sortText: e.sortText,
        ...(e.insertText !== undefined ? { insertText: e.insertText } : {}),
        ...(replace && replace.cell === cell ? { replace } : {}),
        ...(e.source !== undefined ? { source: e.source } : {}),
      };
    });
  }

  completionDetails(cell: number, position: LineCharacter, name: string, source?: string): CompletionDetails | undefined {
    const at = this.toVirtual(cell, position);
    if (at === undefined) return undefined;
    const d = this.service.getCompletionEntryDetails(this.host.virtualFile, at, name, undefined, source, undefined, undefined);
    if (!d) return undefined;
    return { detail: ts.displayPartsToString(d.displayParts), documentation: docText(d.documentation, d.tags) };
  }

  hover(cell: number, position: LineCharacter): CellHover | undefined {
    const at = this.toVirtual(cell, position);
    if (at === undefined) return undefined;
    const info = this.service.getQuickInfoAtPosition(this.host.virtualFile, at);
    const word = wordAt(this.cells[cell], lineCharacterToOffset(this.cells[cell], position));
    const explained = word ? explain(word.text) : undefined;
    if (!info && !(explained && word)) return undefined;
    const range = info ? this.toCellRange(info.textSpan.start, info.textSpan.length) : undefined;
    const wordRange: CellRange | undefined = word
      ? { cell, start: offsetToLineCharacter(this.cells[cell], word.start), end: offsetToLineCharacter(this.cells[cell], word.end) }
      : undefined;
    const finalRange = range ?? wordRange;
    if (!finalRange) return undefined;
    return {
      signature: info ? ts.displayPartsToString(info.displayParts) : '',
      documentation: info ? docText(info.documentation, info.tags) : '',
      ...(explained && word ? { explanation: explanationText(word.text, explained) } : {}),
      range: finalRange,
    };
  }

  signatureHelp(cell: number, position: LineCharacter): CellSignatureHelp | undefined {
    const at = this.toVirtual(cell, position);
    if (at === undefined) return undefined;
    const help = this.service.getSignatureHelpItems(this.host.virtualFile, at, undefined);
    if (!help) return undefined;
    const text = ts.displayPartsToString;
    return {
      activeSignature: help.selectedItemIndex,
      activeParameter: help.argumentIndex,
      signatures: help.items.map((item) => {
        const parameters = item.parameters.map((p) => ({ label: text(p.displayParts), documentation: text(p.documentation) }));
        const label = text(item.prefixDisplayParts) + parameters.map((p) => p.label).join(text(item.separatorDisplayParts)) + text(item.suffixDisplayParts);
        return { label, documentation: docText(item.documentation, item.tags), parameters };
      }),
    };
  }

  definitions(cell: number, position: LineCharacter): DefinitionLocation[] {
    const at = this.toVirtual(cell, position);
    if (at === undefined) return [];
    const defs = this.service.getDefinitionAtPosition(this.host.virtualFile, at) ?? [];
    const out: DefinitionLocation[] = [];
    for (const def of defs) {
      if (def.fileName === this.host.virtualFile) {
        const range = this.toCellRange(def.textSpan.start, def.textSpan.length);
        if (range) out.push({ kind: 'cell', ...range });
      } else if (def.fileName !== this.host.ambientFile) {
        const text = this.host.getScriptSnapshot(def.fileName);
        const content = text ? text.getText(0, text.getLength()) : '';
        out.push({
          kind: 'file',
          file: def.fileName,
          start: offsetToLineCharacter(content, def.textSpan.start),
          end: offsetToLineCharacter(content, def.textSpan.start + def.textSpan.length),
        });
      }
    }
    return out;
  }

  dispose(): void {
    this.service.dispose();
  }

  private rebuild(): void {
    this.doc = buildVirtualDocument(this.cells);
    this.host.setText(this.doc.text);
  }

  private toVirtual(cell: number, position: LineCharacter): number | undefined {
    const source = this.cells[cell];
    if (source === undefined) return undefined;
    return this.doc.map.toVirtual(cell, lineCharacterToOffset(source, position));
  }

  private toCellRange(start: number, length: number): CellRange | undefined {
    const span = this.doc.map.spanToCell(start, length);
    if (!span) return undefined;
    const source = this.cells[span.cell];
    return { cell: span.cell, start: offsetToLineCharacter(source, span.start), end: offsetToLineCharacter(source, span.end) };
  }
}

function docText(documentation: ts.SymbolDisplayPart[] | undefined, tags: ts.JSDocTagInfo[] | undefined): string {
  const parts = [ts.displayPartsToString(documentation)];
  for (const tag of tags ?? []) {
    const body = ts.displayPartsToString(tag.text);
    parts.push(`*@${tag.name}*${body ? ` — ${body}` : ''}`);
  }
  return parts.filter((p) => p.length > 0).join('\n\n');
}

function wordAt(text: string, offset: number): { text: string; start: number; end: number } | undefined {
  const isWord = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_$]/.test(c);
  let start = offset;
  let end = offset;
  while (start > 0 && isWord(text[start - 1])) start--;
  while (end < text.length && isWord(text[end])) end++;
  return end > start ? { text: text.slice(start, end), start, end } : undefined;
}
