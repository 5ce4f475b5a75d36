// STUB: replaced by the diagnostics work (issue 4). Signature is fixed.
import { EXIT_BAD_INPUT, type CliIo } from './io';

/** `fitlab diagnose [--json] <file>`: findings for a Keras history, CSVLogger file or Fitlab run. */
export async function diagnoseCommand(_args: string[], io: CliIo): Promise<number> {
  io.stderr('fitlab diagnose: not implemented yet\n');
  return EXIT_BAD_INPUT;
}
