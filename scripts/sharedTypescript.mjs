// TypeScript (~9 MB of JavaScript) is shipped once, as dist/typescript.js, and required at run time
// by the node bundles that use it — the checker's worker (dist/language-worker.js, built by
// scripts/build-types.mjs), the extension host (it parses cells for hints and quick fixes) and the
// CLI — instead of being copied into each bundle. Used by scripts/build.mjs and build-types.mjs.
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** esbuild plugin: `typescript` becomes `require('./typescript.js')`, beside the bundle. */
export const sharedTypescript = {
  name: 'fitlab-shared-typescript',
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, () => ({ path: './typescript.js', external: true }));
  },
};

/** Writes the one copy the bundles in `dist` load. */
export function copySharedTypescript(root, dist) {
  mkdirSync(dist, { recursive: true });
  cpSync(join(root, 'node_modules', 'typescript', 'lib', 'typescript.js'), join(dist, 'typescript.js'));
}
