/**
 * Answers language requests against one NotebookLanguageService per notebook. Runs inside the
 * worker thread (languageWorker.ts), the only place the checker runs for the editor.
 */
import { NotebookLanguageService } from './notebookLanguageService';
import type { TypeEnvironment } from './typeEnvironment';
import type { LanguageRequest, LanguageResponse } from './workerProtocol';

export class LanguageDispatcher {
  private readonly services = new Map<string, NotebookLanguageService>();

  constructor(private readonly env?: TypeEnvironment) {}

  handle(request: LanguageRequest): LanguageResponse {
    try {
      return { id: request.id, ok: true, result: this.call(request) ?? null };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      return { id: request.id, ok: false, error: { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) } };
    }
  }

  dispose(): void {
    for (const service of this.services.values()) service.dispose();
    this.services.clear();
  }

  private call(request: LanguageRequest): unknown {
    if (request.method === 'close') {
      this.services.get(request.notebook)?.dispose();
      this.services.delete(request.notebook);
      return null;
    }
    let service = this.services.get(request.notebook);
    if (!service) {
      service = new NotebookLanguageService(this.env);
      this.services.set(request.notebook, service);
    }
    const method = service[request.method] as (...args: unknown[]) => unknown;
    return method.apply(service, request.args);
  }
}
