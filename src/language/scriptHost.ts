/**
 * The LanguageServiceHost behind a notebook: two in-memory files (the virtual document and the
 * kernel's globals) over read-only declaration files from disk. Disk files and their parse trees
 * are shared by every notebook in the process (one DocumentRegistry), so opening a second
 * notebook does not parse tfjs's declarations again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { AMBIENT_DECLARATIONS, FITLAB_ENGINE_MODULE, TFJS_FACADE } from './ambient';
import type { TypeEnvironment } from './typeEnvironment';

const diskSnapshots = new Map<string, ts.IScriptSnapshot | undefined>();

/**
 * The DocumentRegistry every notebook shares. Declaration files on disk never change (version
 * '0'), so once parsed their SourceFile is handed back straight from a map: TypeScript otherwise
 * re-derives each file's parse options (package.json lookups included) for all ~600 tfjs files on
 * every keystroke, which was the largest part of a re-check. The virtual document goes through
 * the real registry, which re-parses it incrementally.
 */
function createSharedRegistry(): ts.DocumentRegistry {
  const real = ts.createDocumentRegistry();
  const parsed = new Map<string, ts.SourceFile>();
  const cached =
    (method: typeof real.acquireDocumentWithKey, keep: (path: ts.Path) => void): typeof real.acquireDocumentWithKey =>
    (fileName, path, host, key, snapshot, version, scriptKind, options) => {
      if (version !== DISK_VERSION) return method.call(real, fileName, path, host, key, snapshot, version, scriptKind, options);
      keep(path);
      const id = `${key}|${path}`;
      let file = parsed.get(id);
      if (!file) {
        file = method.call(real, fileName, path, host, key, snapshot, version, scriptKind, options);
        parsed.set(id, file);
      }
      return file;
    };
  const keptPaths = new Set<string>();
  const keep = (path: ts.Path) => keptPaths.add(path);
  return {
    ...real,
    acquireDocumentWithKey: cached(real.acquireDocumentWithKey, keep),
    updateDocumentWithKey: cached(real.updateDocumentWithKey, keep),
    // Kept files live as long as the process (every notebook uses them): releasing is a no-op.
    releaseDocumentWithKey: (path: ts.Path, key: ts.DocumentRegistryBucketKey, scriptKind?: ts.ScriptKind, impliedNodeFormat?: ts.ResolutionMode) => {
      if (!keptPaths.has(path)) real.releaseDocumentWithKey(path, key, scriptKind ?? ts.ScriptKind.TS, impliedNodeFormat);
    },
  };
}

/** The version of every file read from disk (they do not change while Fitlab runs). */
const DISK_VERSION = '0';
export const sharedRegistry = createSharedRegistry();

/** A text snapshot that tells the parser which range changed, so re-parsing is incremental. */
class TextSnapshot implements ts.IScriptSnapshot {
  constructor(readonly text: string) {}
  getText(start: number, end: number): string {
    return this.text.substring(start, end);
  }
  getLength(): number {
    return this.text.length;
  }
  getChangeRange(old: ts.IScriptSnapshot): ts.TextChangeRange | undefined {
    if (!(old instanceof TextSnapshot)) return undefined;
    const a = old.text;
    const b = this.text;
    let prefix = 0;
    const max = Math.min(a.length, b.length);
    while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (suffix < max - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
    return ts.createTextChangeRange(ts.createTextSpan(prefix, a.length - prefix - suffix), b.length - prefix - suffix);
  }
}

/** The in-memory files every notebook program shares: the kernel's globals and the tfjs facade. */
export function generatedFiles(env: TypeEnvironment): Map<string, string> {
  const folder = join(env.root, '__fitlab__');
  return new Map([
    [join(folder, 'kernel-globals.d.ts'), AMBIENT_DECLARATIONS],
    [join(folder, 'tfjs.d.ts'), TFJS_FACADE],
  ]);
}

export function compilerOptions(env: TypeEnvironment): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    moduleDetection: ts.ModuleDetectionKind.Force,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    strict: true,
    // Notebook code is exploratory: an unannotated parameter is not an error the kernel cares about.
    noImplicitAny: false,
    esModuleInterop: true,
    skipLibCheck: true,
    // Only the declarations we provide: no accidental @types/* from wherever the files live.
    types: [],
    // A cell may end on an expression whose value is displayed, or stop early while exploring.
    allowUnreachableCode: true,
    allowUnusedLabels: true,
    noEmit: true,
    paths: {
      [FITLAB_ENGINE_MODULE]: [env.fitlabEntry],
      '@tensorflow/tfjs': [join(env.root, '__fitlab__', 'tfjs.d.ts')],
    },
  };
}

/**
 * One module resolution cache per types root, kept for the process. Without it TypeScript builds a
 * new one for every program, i.e. on every keystroke, and then looks up the package.json scope of
 * each of the ~600 declaration files under node_modules again (to decide its module format): a
 * third of a re-check's program rebuild. Nothing on disk changes while Fitlab runs, so the
 * answers stay right; the in-memory files resolve through this host like any other file.
 */
const resolutionCaches = new Map<string, ts.ModuleResolutionCache>();

function resolutionCacheFor(env: TypeEnvironment, options: ts.CompilerOptions): ts.ModuleResolutionCache {
  let cache = resolutionCaches.get(env.root);
  if (!cache) {
    const canonical = (f: string) => (ts.sys.useCaseSensitiveFileNames ? f : f.toLowerCase());
    cache = ts.createModuleResolutionCache(env.root, canonical, options);
    resolutionCaches.set(env.root, cache);
  }
  return cache;
}

export class NotebookScriptHost implements ts.LanguageServiceHost {
  readonly virtualFile: string;
  readonly ambientFile: string;
  private snapshot = new TextSnapshot('export {};\n');
  private version = 0;
  private readonly generated: Map<string, ts.IScriptSnapshot>;
  private readonly options: ts.CompilerOptions;
  private readonly resolutionCache: ts.ModuleResolutionCache;

  constructor(private readonly env: TypeEnvironment, name: string) {
    // Inside the types root, so `@tensorflow/tfjs` resolves through its node_modules folder.
    const folder = join(env.root, '__fitlab__');
    this.virtualFile = join(folder, `${name}.ts`);
    this.ambientFile = join(folder, 'kernel-globals.d.ts');
    this.generated = new Map([...generatedFiles(env)].map(([file, text]) => [file, new TextSnapshot(text)]));
    this.options = compilerOptions(env);
    this.resolutionCache = resolutionCacheFor(env, this.options);
  }

  getModuleResolutionCache(): ts.ModuleResolutionCache {
    return this.resolutionCache;
  }
  resolveModuleNameLiterals(
    literals: readonly ts.StringLiteralLike[],
    containingFile: string,
    redirected: ts.ResolvedProjectReference | undefined,
    options: ts.CompilerOptions,
    containingSourceFile: ts.SourceFile,
  ): readonly ts.ResolvedModuleWithFailedLookupLocations[] {
    return literals.map((literal) =>
      ts.resolveModuleName(literal.text, containingFile, options, this, this.resolutionCache, redirected, ts.getModeForUsageLocation(containingSourceFile, literal, options)),
    );
  }

  setText(text: string): void {
    if (text === this.snapshot.text) return;
    this.snapshot = new TextSnapshot(text);
    this.version++;
  }

  get text(): string {
    return this.snapshot.text;
  }

  getCompilationSettings(): ts.CompilerOptions {
    return this.options;
  }
  getScriptFileNames(): string[] {
    return [this.ambientFile, this.virtualFile];
  }
  getScriptVersion(fileName: string): string {
    return fileName === this.virtualFile ? `v${this.version}` : DISK_VERSION;
  }
  getScriptSnapshot(fileName: string): ts.IScriptSnapshot | undefined {
    if (fileName === this.virtualFile) return this.snapshot;
    const generated = this.generated.get(fileName);
    if (generated) return generated;
    if (!diskSnapshots.has(fileName)) diskSnapshots.set(fileName, readSnapshot(fileName));
    return diskSnapshots.get(fileName);
  }
  getCurrentDirectory(): string {
    return this.env.root;
  }
  getDefaultLibFileName(): string {
    return join(this.env.libDir, 'lib.d.ts');
  }
  fileExists(fileName: string): boolean {
    return fileName === this.virtualFile || this.generated.has(fileName) || ts.sys.fileExists(fileName);
  }
  readFile(fileName: string): string | undefined {
    if (fileName === this.virtualFile) return this.snapshot.text;
    const generated = this.generated.get(fileName);
    if (generated) return generated.getText(0, generated.getLength());
    return ts.sys.readFile(fileName);
  }
  directoryExists(directoryName: string): boolean {
    return ts.sys.directoryExists(directoryName);
  }
  getDirectories(directoryName: string): string[] {
    return ts.sys.getDirectories(directoryName);
  }
  realpath(path: string): string {
    return ts.sys.realpath ? ts.sys.realpath(path) : path;
  }
}

function readSnapshot(fileName: string): ts.IScriptSnapshot | undefined {
  try {
    return ts.ScriptSnapshot.fromString(readFileSync(fileName, 'utf8'));
  } catch {
    return undefined;
  }
}
