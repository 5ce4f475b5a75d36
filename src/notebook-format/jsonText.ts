/**
 * JSON.parse with an error a person can act on: "not valid JSON (Unexpected token '}' at line 12,
 * column 3)". Node's own messages give a character offset at best, and for some errors none.
 */
import type { JsonValue } from '../protocol/json';
import { NotebookFormatError } from './types';

export function parseJsonText(text: string, file: string): JsonValue {
  // Some Windows editors start UTF-8 files with a byte order mark, which JSON.parse rejects.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    const reason = describeJsonError(String((error as Error).message ?? error));
    const offset = locateJsonError(text);
    const where = offset === undefined ? '' : ` at ${lineAndColumn(text, offset)}`;
    throw new NotebookFormatError(`${file}: not valid JSON (${reason}${where})`);
  }
}

/** The reason without V8's echo of the input and its character offset. */
function describeJsonError(message: string): string {
  return message
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/ after JSON at position \d+.*$/s, ' after the JSON value')
    .split('\n')[0];
}

/**
 * The offset of the first offending character. V8 names it for most errors ("at position 12") but
 * not for an unexpected token. JSON is parsed left to right and fails at the first bad character,
 * so a prefix fails before its end exactly when it contains that character: binary search for the
 * shortest such prefix.
 */
export function locateJsonError(text: string): number | undefined {
  const errorOffset = (source: string): number | undefined => {
    try {
      JSON.parse(source);
      return undefined;
    } catch (error) {
      const message = String((error as Error).message);
      const position = /at position (\d+)/.exec(message);
      if (position) return Number(position[1]);
      return /Unexpected end of JSON input/.test(message) ? source.length : -1;
    }
  };
  const whole = errorOffset(text);
  if (whole === undefined) return undefined;
  if (whole >= 0) return whole;
  const failsInside = (length: number): boolean => {
    const offset = errorOffset(text.slice(0, length));
    return offset !== undefined && (offset === -1 || offset < length);
  };
  let low = 1;
  let high = text.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (failsInside(mid)) high = mid;
    else low = mid + 1;
  }
  return low - 1;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return `line ${line}, column ${column}`;
}
