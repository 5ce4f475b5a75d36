/**
 * Command-line flags parsed with Node's own parser, its errors turned into one short line
 * ("unknown option --bogus") that the caller prints with a usage hint.
 */
import { parseArgs } from 'node:util';

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean | undefined>;
}

/** A command line that cannot be understood: exit 2 with a usage hint. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseFlags(args: string[], spec: FlagSpec): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args, options: spec, allowPositionals: true, strict: true });
    return { positionals, flags: values as ParsedArgs['flags'] };
  } catch (error) {
    throw new UsageError(shortParseError(error as Error & { code?: string }));
  }
}

function shortParseError(error: Error & { code?: string }): string {
  const option = /(--[\w-]+)/.exec(error.message)?.[1] ?? /'(-\w)/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return error.message.includes('argument missing') ? `option ${option} needs a value` : `option ${option} takes no value`;
    default:
      return error.message.split('\n')[0];
  }
}
