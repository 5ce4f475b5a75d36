/**
 * TypeScript's parser, loaded on first use. Fitlab activates with any Jupyter notebook, Python ones
 * included, and loading TypeScript (~9 MB of JavaScript, ~200 ms) into the shared extension host
 * then would tax every notebook user; only a TypeScript cell to lint or fix needs it.
 */
import type * as TS from 'typescript';

let loaded: typeof TS | undefined;

export function typescript(): typeof TS {
  // A plain require, so bundles resolve it to the shared dist/typescript.js only when called.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('typescript') as typeof TS;
  return loaded;
}
