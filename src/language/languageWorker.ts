/** The language worker thread's entry (bundled to dist/language-worker.js): one message loop. */
import { parentPort } from 'node:worker_threads';
import { LanguageDispatcher } from './languageDispatcher';
import { isLanguageRequest } from './workerProtocol';

const port = parentPort;
if (!port) throw new Error('fitlab: languageWorker.ts runs as a worker thread');
const dispatcher = new LanguageDispatcher();
port.on('message', (message: unknown) => {
  if (!isLanguageRequest(message)) return; // only the host posts here; anything else is ignored
  port.postMessage(dispatcher.handle(message));
});
