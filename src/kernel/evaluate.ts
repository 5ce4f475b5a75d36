/**
 * Runs transpiled cells in the kernel's MAIN realm (vm.runInThisContext), so values a cell creates
 * are the same Float32Array/Tensor classes tfjs checks with instanceof. State lives in globals:
 * what one cell declares, the next can use.
 */
import * as vm from 'node:vm';
import { CellSourceMaps } from './errors';
import { transpileCell, type CellHelpers } from './transpile';

export interface CellResult {
  /** The value of the cell's last expression (undefined when the cell ends with a statement). */
  value: unknown;
  returnsValue: boolean;
}

export class CellEvaluator {
  readonly maps = new CellSourceMaps();
  private readonly helpers: CellHelpers;

  constructor(requireModule: (specifier: string) => unknown) {
    this.helpers = {
      require: requireModule,
      importDefault,
      importDynamic: async (specifier) => asNamespace(requireModule(specifier)),
      declare: declareGlobals,
    };
  }

  /** Transpiles and runs one cell; rejects with a CellSyntaxError or whatever the cell threw. */
  async run(source: string, cellIndex: number): Promise<CellResult> {
    const transpiled = await transpileCell(source, `cell-${cellIndex + 1}.ts`);
    const filename = this.maps.register(cellIndex, transpiled);
    const cellFunction = vm.runInThisContext(transpiled.code, { filename }) as (helpers: CellHelpers) => Promise<unknown>;
    const value = await cellFunction(this.helpers);
    return { value, returnsValue: transpiled.returnsValue };
  }
}

/** `import x from 'm'`: ES modules give their default export; CommonJS modules are their own default. */
export function importDefault(module: unknown): unknown {
  if (module !== null && typeof module === 'object' && '__esModule' in module && 'default' in module) {
    return (module as { default: unknown }).default;
  }
  return module;
}

/** What `await import('m')` gives: ES modules as they are; CommonJS exports plus `default`. */
export function asNamespace(module: unknown): unknown {
  if (module !== null && typeof module === 'object' && '__esModule' in module) return module;
  if (module === null || (typeof module !== 'object' && typeof module !== 'function')) return { default: module };
  return Object.assign(Object.create(null) as object, module, { default: module });
}

/** Creates each name as a global (undefined) if it does not exist yet, so cells can assign it. */
export function declareGlobals(names: string[]): void {
  const globals = globalThis as Record<string, unknown>;
  for (const name of names) {
    if (!(name in globals)) globals[name] = undefined;
  }
}
