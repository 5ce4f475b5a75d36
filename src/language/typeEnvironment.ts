/**
 * Where the declarations a notebook is checked against come from. Two layouts:
 * - shipped (extension and CLI bundles in dist/): `dist/types/` made by scripts/build-types.mjs,
 *   holding TypeScript's lib files, tfjs's .d.ts files under node_modules/, and fitlab's emitted
 *   declarations — node_modules is not shipped with the extension;
 * - source checkout (unit tests, tsx): the repository's node_modules and src/training/index.ts, so
 *   the `fitlab` API's types are always those of the current source.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface TypeEnvironment {
  /** Folder of TypeScript's lib.*.d.ts files. */
  libDir: string;
  /** Folder whose node_modules/@tensorflow/* resolve `@tensorflow/tfjs`. */
  root: string;
  /** The module whose `FitlabModule` export types the `fitlab` global (.ts source or .d.ts). */
  fitlabEntry: string;
}

/** The shipped layout's marker, written last by scripts/build-types.mjs. */
export const SHIPPED_TYPES_MANIFEST = 'fitlab-types.json';

/** Finds the type environment next to the running code (`dist/types`) or in the source checkout. */
export function locateTypeEnvironment(from: string = __dirname): TypeEnvironment {
  const shipped = join(from, 'types');
  if (existsSync(join(shipped, SHIPPED_TYPES_MANIFEST))) {
    return { libDir: join(shipped, 'lib'), root: shipped, fitlabEntry: join(shipped, 'fitlab', 'training', 'index.d.ts') };
  }
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', 'typescript', 'lib')) && existsSync(join(dir, 'src', 'training', 'index.ts'))) {
      return { libDir: join(dir, 'node_modules', 'typescript', 'lib'), root: dir, fitlabEntry: join(dir, 'src', 'training', 'index.ts') };
    }
    if (dirname(dir) === dir) {
      throw new Error(`fitlab: cannot find type declarations: no ${join(shipped, SHIPPED_TYPES_MANIFEST)} and no source checkout above ${from}`);
    }
  }
}
