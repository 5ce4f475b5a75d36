/**
 * The report page's script, to inline into report.html: dist/webview/report.js next to the running
 * bundle (dist/cli.js) or in the repository's dist/; from source (tsx), built in memory by esbuild.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const BUNDLE = join('webview', 'report.js');
const ENTRY = join('src', 'webview', 'report', 'main.ts');

export async function loadReportBundle(from: string = __dirname): Promise<string> {
  const roots = ancestors(from, 4);
  for (const dir of roots) {
    for (const file of [join(dir, BUNDLE), join(dir, 'dist', BUNDLE)]) if (existsSync(file)) return minify(readFileSync(file, 'utf8'));
  }
  const root = roots.find((dir) => existsSync(join(dir, ENTRY)));
  if (root) return buildInMemory(root);
  throw new Error(`report.html needs the report script dist/${BUNDLE.replace(/\\/g, '/')} (not found near ${from}): run \`node scripts/build.mjs\` first.`);
}

async function buildInMemory(root: string): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({ entryPoints: [join(root, ENTRY)], bundle: true, minify: true, platform: 'browser', format: 'iife', target: 'es2022', write: false, logLevel: 'silent', absWorkingDir: root });
  return result.outputFiles[0].text;
}

/** The report is one file people attach and mail: minified, the script is less than half the size. */
async function minify(source: string): Promise<string> {
  try {
    const esbuild = await import('esbuild');
    return (await esbuild.transform(source, { minify: true, target: 'es2022', loader: 'js' })).code;
  } catch {
    return source; // esbuild is a dependency, but an unminified report is still a correct one
  }
}

function ancestors(dir: string, count: number): string[] {
  const dirs = [dir];
  for (let i = 0; i < count && dirname(dirs[dirs.length - 1]) !== dirs[dirs.length - 1]; i++) dirs.push(dirname(dirs[dirs.length - 1]));
  return dirs;
}
