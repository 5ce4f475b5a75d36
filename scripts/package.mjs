// `npm run package`: builds the bundles and packs the extension into a .vsix with @vscode/vsce,
// offline. The package is platform-specific (`--target`, default this machine's) because the
// kernel transpiles cells at run time with esbuild, whose native binary comes from the platform
// package @esbuild/<os>-<arch>; everything else is bundled (see .vscodeignore for what goes in).
//
// Options: --target=<vsce target> (e.g. linux-x64), --out=<file.vsix>, --no-build, --list (print
// the files that would go in, like `vsce ls --tree`, and stop), --strict (fail when the package
// would hold files an installed extension does not need).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '..', '..');
const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');

/** vsce's name for this machine (alpine when musl is the libc). */
function currentTarget() {
  const os = process.platform;
  const musl = os === 'linux' && !process.report?.getReport()?.header?.glibcVersionRuntime;
  return `${musl ? 'alpine' : os}-${process.arch}`;
}

/** The esbuild platform package a target needs, e.g. linux-x64 -> @esbuild/linux-x64. */
function esbuildPackageFor(target) {
  const [os, arch] = target.split('-');
  return `@esbuild/${os === 'alpine' ? 'linux' : os}-${arch}`;
}

/**
 * What an installed Fitlab needs at run time. Anything else in the package is dead weight (source
 * maps, the CLI, test screenshots, esbuild's duplicate binary): reported, and fatal with --strict.
 */
const needed = [
  /^(package\.json|README\.md|CHANGELOG\.md|LICENSE(\.md|\.txt)?)$/,
  /^dist\/(extension|kernel|language-worker|typescript)\.js$/, // typescript.js: the one copy both bundles load
  /^dist\/webview\/[\w-]+\.js$/,
  /^dist\/wasm\/[\w-]+\.wasm$/,
  /^dist\/types\//, // declarations the language features type-check cells against
  /^media\/(?!src\/)/,
  /^examples\/[\w-]+\.(tfnb|ipynb)$/, // "Fitlab: Open Regularization Example"
  /^node_modules\/esbuild\/(package\.json|LICENSE\.md|lib\/main\.js)$/,
  /^node_modules\/@esbuild\/[\w-]+\/(package\.json|LICENSE\.md|bin\/esbuild(\.exe)?|esbuild\.exe)$/,
  /^node_modules\/fitlab-tsserver-plugin\//, // silences VS Code's built-in TypeScript in Fitlab cells
];

/** The files vsce would pack (`vsce ls`), and those of them an installed extension does not need. */
export function packageContents() {
  const r = spawnSync(process.execPath, [vsce, 'ls', '--no-yarn'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vsce ls failed: ${r.stderr}`);
  const files = r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  return { files, unneeded: files.filter((f) => !needed.some((re) => re.test(f))) };
}

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, CI: 'true' } });
  if (r.status !== 0) throw new Error(`${[cmd, ...cmdArgs].join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/**
 * Packs the extension; returns the .vsix path.
 * @param {{ target?: string, out?: string, build?: boolean, strict?: boolean }} [options]
 */
export function packageExtension(options = {}) {
  const target = options.target ?? currentTarget();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const out = resolve(root, options.out ?? `${pkg.name}-${pkg.version}-${target}.vsix`);
  if (options.build !== false) run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
  const esbuildPlatform = esbuildPackageFor(target);
  if (!existsSync(join(root, 'node_modules', esbuildPlatform, 'package.json'))) {
    throw new Error(`${esbuildPlatform} is not installed, so a ${target} package would have no esbuild for the kernel; package on a ${target} machine (or npm install ${esbuildPlatform})`);
  }
  const { unneeded } = packageContents();
  if (unneeded.length > 0) {
    const message = `${unneeded.length} file(s) in the package that an installed Fitlab does not need (exclude them in .vscodeignore):\n  ${unneeded.join('\n  ')}`;
    if (options.strict) throw new Error(message);
    console.warn(`fitlab: warning: ${message}`);
  }
  run(process.execPath, [
    vsce, 'package',
    '--target', target,
    '--out', out,
    '--no-yarn',
    '--allow-missing-repository',
    // README links stay relative (no repository URL to rewrite them against).
    '--no-rewrite-relative-links',
  ]);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (args.includes('--list')) {
      run(process.execPath, [vsce, 'ls', '--no-yarn', '--tree']);
    } else {
      const started = Date.now();
      const vsix = packageExtension({ target: option('target'), out: option('out'), build: !args.includes('--no-build'), strict: args.includes('--strict') });
      console.log(`fitlab: packaged ${vsix} (${(statSync(vsix).size / 1e6).toFixed(1)} MB) in ${Math.round((Date.now() - started) / 1000)} s`);
    }
  } catch (err) {
    console.error(`fitlab: packaging failed: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
