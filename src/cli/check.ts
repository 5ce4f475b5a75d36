// STUB: replaced by the language-service work (issue 8). Signature is fixed.
import { EXIT_BAD_INPUT, type CliIo } from './io';

/** `fitlab check <notebook>`: type errors as "cell N, line L: message"; exit 1 when any. */
export async function checkCommand(_args: string[], io: CliIo): Promise<number> {
  io.stderr('fitlab check: not implemented yet\n');
  return EXIT_BAD_INPUT;
}
