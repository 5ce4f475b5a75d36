/**
 * Completions, hovers, signature help and go-to-definition for TypeScript cells, answered by the
 * notebook's own language service (so `model` from an earlier cell is known).
 */
import * as vscode from 'vscode';
import type { CellHover } from '../../language';
import { completionKind, fromPosition, toLocation, toRange, cellRangeIn } from './convert';
import type { NotebookServices } from './notebookServices';

/** A completion item that remembers where it was asked for, to fetch its details lazily. */
class CellCompletionItem extends vscode.CompletionItem {
  constructor(
    label: string,
    readonly document: vscode.TextDocument,
    readonly position: vscode.Position,
    readonly source: string | undefined,
  ) {
    super(label);
  }
}

export function completionProvider(services: NotebookServices): vscode.CompletionItemProvider<CellCompletionItem> {
  return {
    async provideCompletionItems(document, position) {
      const at = services.forDocument(document);
      if (!at) return undefined;
      const completions = await at.language.call(at.key, 'completions', at.index, fromPosition(position));
      return completions.map((c) => {
        const item = new CellCompletionItem(c.name, document, position, c.source);
        item.kind = completionKind(c.kind);
        item.sortText = c.sortText;
        if (c.insertText !== undefined) item.insertText = c.insertText;
        const range = c.replace ? cellRangeIn(c.replace, at.index) : undefined;
        if (range) item.range = range;
        return item;
      });
    },
    async resolveCompletionItem(item) {
      const at = services.forDocument(item.document);
      if (!at) return item;
      const name = typeof item.label === 'string' ? item.label : item.label.label;
      const details = await at.language.call(at.key, 'completionDetails', at.index, fromPosition(item.position), name, item.source);
      if (details) {
        item.detail = details.detail;
        item.documentation = new vscode.MarkdownString(details.documentation);
      }
      return item;
    },
  };
}

export function hoverProvider(services: NotebookServices): vscode.HoverProvider {
  return {
    async provideHover(document, position) {
      const at = services.forDocument(document);
      const hover = at ? await at.language.call(at.key, 'hover', at.index, fromPosition(position)) : undefined;
      return hover ? new vscode.Hover(hoverContents(hover), toRange(hover.range)) : undefined;
    },
  };
}

/** The explanation first (two lines: what it does, the Keras call), then type and doc comment. */
export function hoverContents(hover: CellHover): vscode.MarkdownString[] {
  const parts: vscode.MarkdownString[] = [];
  if (hover.explanation) {
    const [what, keras] = hover.explanation.split('\n');
    const md = new vscode.MarkdownString();
    md.appendMarkdown(escape(what)).appendMarkdown('  \n').appendMarkdown(escape(keras));
    parts.push(md);
  }
  if (hover.signature) {
    const md = new vscode.MarkdownString().appendCodeblock(hover.signature, 'typescript');
    if (hover.documentation) md.appendMarkdown('\n\n').appendMarkdown(hover.documentation);
    parts.push(md);
  }
  return parts;
}

function escape(text: string): string {
  return text.replace(/[\\*_[\]<>]/g, (c) => `\\${c}`);
}

export function signatureHelpProvider(services: NotebookServices): vscode.SignatureHelpProvider {
  return {
    async provideSignatureHelp(document, position) {
      const at = services.forDocument(document);
      const help = at ? await at.language.call(at.key, 'signatureHelp', at.index, fromPosition(position)) : undefined;
      if (!help) return undefined;
      const result = new vscode.SignatureHelp();
      result.activeSignature = help.activeSignature;
      result.activeParameter = help.activeParameter;
      result.signatures = help.signatures.map((s) => {
        const info = new vscode.SignatureInformation(s.label, new vscode.MarkdownString(s.documentation));
        info.parameters = s.parameters.map((p) => new vscode.ParameterInformation(p.label, p.documentation ? new vscode.MarkdownString(p.documentation) : undefined));
        return info;
      });
      return result;
    },
  };
}

export function definitionProvider(services: NotebookServices): vscode.DefinitionProvider {
  return {
    async provideDefinition(document, position) {
      const at = services.forDocument(document);
      if (!at) return undefined;
      const definitions = await at.language.call(at.key, 'definitions', at.index, fromPosition(position));
      return definitions
        .map((d) => toLocation(d, at.cells))
        .filter((l): l is vscode.Location => l !== undefined);
    },
  };
}
