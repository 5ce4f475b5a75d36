/**
 * The extension tests' entry point: VS Code's extension host calls `run()` (extensionTestsPath).
 * The runner script bundles this file next to the suite's bundled `*.test.js` files; mocha runs
 * every one of them in this folder, in name order.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Printed before every reporter line: the offline launcher shows only lines that carry it. */
const TEST_MARKER = '[test] ';

export async function run(): Promise<void> {
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(`${TEST_MARKER}${format(...args)}`);
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    // Two shared cores: starting the kernel and a first fit can take a while.
    timeout: 180_000,
    slow: 20_000,
    grep: process.env.FITLAB_TEST_GREP ? new RegExp(process.env.FITLAB_TEST_GREP) : undefined,
  });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, file));
  const runner = mocha.run();
  const failures = await new Promise<number>((resolve) => runner.on('end', () => resolve(runner.failures)));
  // Proof that mocha got to the end: the launcher treats an exit without it (the extension host
  // crashed or was cut off mid-run) as a failure, whatever exit code the workbench reports.
  const resultFile = process.env.FITLAB_TEST_RESULT_FILE;
  if (resultFile) writeFileSync(resultFile, JSON.stringify({ ...runner.stats, failures }));
  if (failures > 0) throw new Error(`${failures} extension test(s) failed`);
}
