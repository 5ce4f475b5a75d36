/** What the history readers share: the error type, column aliases, and how logs write "no value". */

/** A history file that cannot be read; the message is one line naming the file and what was wrong. */
export class HistoryFormatError extends Error {
  override readonly name = 'HistoryFormatError';
}

/** Column names other tools use for Keras's `loss` / `val_loss`. */
export const COLUMN_ALIASES: Record<string, string> = { train_loss: 'loss', training_loss: 'loss', validation_loss: 'val_loss', valid_loss: 'val_loss' };

/** How logs write a value that is not a number: NaN, inf, NA (R, Fitlab's export), None, empty. */
export function isMissingToken(text: string): boolean {
  return /^\s*([-+]?(nan|inf(inity)?)|na|none|null|)\s*$/i.test(text);
}
