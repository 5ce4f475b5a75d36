/**
 * The host side of the language worker: typed async calls on a notebook's language service.
 * Starts `language-worker.js` next to the bundle (dist/) in a worker thread; from a source
 * checkout it runs languageWorker.ts through tsx. The worker alone holds the checker: there is no
 * in-process fallback, so the extension bundle does not carry the language service (and the
 * extension host never type-checks on its own thread). Without a worker every call rejects.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LanguageArgs, LanguageMethod, LanguageRequest, LanguageResponse, LanguageResult } from './workerProtocol';

export interface NotebookLanguageClient {
  call<M extends LanguageMethod>(notebook: string, method: M, ...args: LanguageArgs<M>): Promise<LanguageResult<M>>;
  close(notebook: string): void;
  dispose(): void;
}

/** Where the worker script is: the bundle's sibling, or the TypeScript source under tsx. */
function workerScript(from: string): { code: string; eval: boolean } | undefined {
  const bundled = join(from, 'language-worker.js');
  if (existsSync(bundled)) return { code: bundled, eval: false };
  const source = join(from, 'languageWorker.ts');
  // A worker's entry cannot be TypeScript: a one-line bootstrap registers tsx, then loads it.
  if (existsSync(source)) return { code: `require('tsx/cjs'); require(${JSON.stringify(source)});`, eval: true };
  return undefined;
}

export function createLanguageClient(from: string = __dirname): NotebookLanguageClient {
  const script = workerScript(from);
  return script ? new WorkerLanguageClient(script.code, script.eval) : new NoWorkerClient(from);
}

class WorkerLanguageClient implements NotebookLanguageClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 1;
  private failure: Error | undefined;

  constructor(code: string, isEval: boolean) {
    this.worker = new Worker(code, { eval: isEval });
    // Kept alive only while a request waits for its answer: an idle worker never holds a process open.
    this.worker.unref();
    this.worker.on('message', (response: LanguageResponse) => {
      const waiter = this.pending.get(response.id);
      if (!waiter) return;
      this.pending.delete(response.id);
      if (this.pending.size === 0) this.worker.unref();
      // JSON has no undefined: "no answer" travels as null.
      if (response.ok) waiter.resolve(response.result ?? undefined);
      else waiter.reject(Object.assign(new Error(response.error.message), { name: response.error.name }));
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`fitlab: the language worker exited (code ${code})`)));
  }

  call<M extends LanguageMethod>(notebook: string, method: M, ...args: LanguageArgs<M>): Promise<LanguageResult<M>> {
    return this.send({ id: this.nextId++, notebook, method, args }) as Promise<LanguageResult<M>>;
  }

  close(notebook: string): void {
    this.send({ id: this.nextId++, notebook, method: 'close', args: [] }).catch(() => undefined);
  }

  dispose(): void {
    void this.worker.terminate();
  }

  private send(request: LanguageRequest): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage(request);
    });
  }
}

/** A broken install (no language-worker.js beside the bundle): every call says so. */
class NoWorkerClient implements NotebookLanguageClient {
  constructor(private readonly from: string) {}

  call<M extends LanguageMethod>(): Promise<LanguageResult<M>> {
    return Promise.reject(new Error(`fitlab: no language worker in ${this.from} (language-worker.js is missing; rebuild with npm run build)`));
  }

  close(): void {}

  dispose(): void {}
}
