/**
 * Messages between the extension host and the language worker thread. The checker is CPU work
 * (seconds for the first check, tens of milliseconds per edit): in a worker it never blocks the
 * extension host. Requests carry an id and get exactly one response; the worker handles them in
 * arrival order, so a cell update sent before a query is always applied before it is answered.
 */
import type { NotebookLanguageService } from './notebookLanguageService';

/** The service methods callable across the boundary (all take and return plain JSON). */
export type LanguageMethod = 'setCells' | 'updateCell' | 'insertCell' | 'removeCell' | 'diagnostics' | 'completions' | 'completionDetails' | 'hover' | 'signatureHelp' | 'definitions';

export type LanguageArgs<M extends LanguageMethod> = Parameters<NotebookLanguageService[M]>;
export type LanguageResult<M extends LanguageMethod> = ReturnType<NotebookLanguageService[M]>;

/** Host -> worker: call `method` on the service of `notebook` (created on first use), or close it. */
export type LanguageRequest =
  | { id: number; notebook: string; method: LanguageMethod; args: unknown[] }
  | { id: number; notebook: string; method: 'close'; args: [] };

/** Worker -> host: the one answer to request `id`. */
export type LanguageResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: { name: string; message: string; stack?: string } };

const METHODS: ReadonlySet<string> = new Set<LanguageMethod>(['setCells', 'updateCell', 'insertCell', 'removeCell', 'diagnostics', 'completions', 'completionDetails', 'hover', 'signatureHelp', 'definitions']);

export function isLanguageRequest(value: unknown): value is LanguageRequest {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r.id === 'number' && typeof r.notebook === 'string' && Array.isArray(r.args) && typeof r.method === 'string' && (r.method === 'close' || METHODS.has(r.method));
}
