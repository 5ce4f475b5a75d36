// Ships the declarations Fitlab's notebook type checker needs, since node_modules is not shipped
// with the extension: writes dist/types/ (or --out=<dir>) with
//   lib/            TypeScript's lib.*.d.ts files (the checker's default library),
//   node_modules/   every .d.ts file @tensorflow/tfjs's types load, with their package.json files,
//   fitlab/         declarations emitted from src/training (the `fitlab` API, doc comments kept),
//   fitlab-types.json  written last: its presence marks a complete folder (src/language/typeEnvironment.ts).
// plus dist/language-worker.js (the checker's worker thread, src/language/languageWorker.ts),
// and node_modules/fitlab-tsserver-plugin/ (src/language/tsserverPlugin.ts, bundled): the plugin that
// keeps VS Code's built-in TypeScript server quiet in .tfnb/.ipynb cells, found by tsserver in the
// extension's own node_modules (package.json `typescriptServerPlugins`).
// Offline: everything comes from this checkout. Run after the bundles: `node scripts/build-types.mjs`.
import * as esbuild from 'esbuild';
import ts from 'typescript';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copySharedTypescript, sharedTypescript } from './sharedTypescript.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.find((a) => a.startsWith('--out='));
const out = outArg ? outArg.slice('--out='.length) : join(root, 'dist', 'types');
const started = Date.now();

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// 1. TypeScript's lib files.
const libFrom = dirname(ts.getDefaultLibFilePath({}));
mkdirSync(join(out, 'lib'), { recursive: true });
for (const f of readdirSync(libFrom).filter((f) => /^lib\..*\.d\.ts$/.test(f))) copyFileSync(join(libFrom, f), join(out, 'lib', f));

// 2. The declaration files tfjs's types reach, found by letting TypeScript load them.
const entry = join(root, '__fitlab_types_entry__.ts');
const entryText = "export * from '@tensorflow/tfjs';\nexport * from '@tensorflow/tfjs-core';\nexport * from '@tensorflow/tfjs-layers';\n";
const options = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [], noEmit: true, skipLibCheck: true };
const host = ts.createCompilerHost(options);
const readFile = host.readFile.bind(host);
const fileExists = host.fileExists.bind(host);
host.readFile = (f) => (f === entry ? entryText : readFile(f));
host.fileExists = (f) => f === entry || fileExists(f);
const getSourceFile = host.getSourceFile.bind(host);
host.getSourceFile = (f, lang, onError) => (f === entry ? ts.createSourceFile(f, entryText, lang) : getSourceFile(f, lang, onError));
const program = ts.createProgram([entry], options, host);
const nodeModules = join(root, 'node_modules') + sep;
const packages = new Set();
let copied = 0;
for (const file of program.getSourceFiles()) {
  if (!file.fileName.startsWith(nodeModules.split(sep).join('/')) && !file.fileName.startsWith(nodeModules)) continue;
  const rel = relative(root, file.fileName);
  if (rel.startsWith(join('node_modules', 'typescript'))) continue; // lib files: step 1
  mkdirSync(dirname(join(out, rel)), { recursive: true });
  copyFileSync(file.fileName, join(out, rel));
  copied++;
  const parts = rel.split(sep);
  packages.add(parts[1].startsWith('@') ? join(parts[0], parts[1], parts[2]) : join(parts[0], parts[1]));
}
for (const pkg of packages) {
  const pkgJson = join(root, pkg, 'package.json');
  if (existsSync(pkgJson)) copyFileSync(pkgJson, join(out, pkg, 'package.json'));
}

// 3. The fitlab API's declarations, emitted from the training engine's source.
const fitlabEntry = join(root, 'src', 'training', 'index.ts');
const emitted = ts.createProgram([fitlabEntry], {
  ...options,
  noEmit: false,
  declaration: true,
  emitDeclarationOnly: true,
  rootDir: join(root, 'src'),
  outDir: join(out, 'fitlab'),
  esModuleInterop: true,
}).emit();
if (emitted.emitSkipped || !existsSync(join(out, 'fitlab', 'training', 'index.d.ts'))) {
  console.error('fitlab build-types: could not emit declarations for src/training/index.ts');
  process.exit(1);
}

// 4. The language worker thread the extension checks notebooks in (src/language/languageWorker.ts),
// loading the shared dist/typescript.js.
if (!outArg) {
  copySharedTypescript(root, join(root, 'dist'));
  await esbuild.build({
    entryPoints: [join(root, 'src', 'language', 'languageWorker.ts')],
    outfile: join(root, 'dist', 'language-worker.js'),
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'linked', logLevel: 'warning',
    external: ['esbuild'],
    plugins: [sharedTypescript],
  });
}

// 5. The tsserver plugin, where tsserver looks for it (the extension's node_modules).
if (!outArg) {
  const pluginDir = join(root, 'node_modules', 'fitlab-tsserver-plugin');
  mkdirSync(pluginDir, { recursive: true });
  await esbuild.build({
    entryPoints: [join(root, 'src', 'language', 'tsserverPlugin.ts')],
    outfile: join(pluginDir, 'index.js'),
    bundle: true, platform: 'node', format: 'cjs', target: 'node18', logLevel: 'warning',
    footer: { js: 'module.exports = module.exports.init;' },
  });
  writeFileSync(join(pluginDir, 'package.json'), JSON.stringify({ name: 'fitlab-tsserver-plugin', version: '0.1.0', private: true, main: 'index.js' }, null, 1) + '\n');
}

writeFileSync(join(out, 'fitlab-types.json'), JSON.stringify({ typescript: ts.version, declarationFiles: copied, packages: [...packages].sort() }, null, 1) + '\n');
console.log(`fitlab: types for the notebook checker in ${relative(root, out) || out} (${copied} declaration files) in ${Date.now() - started} ms`);
