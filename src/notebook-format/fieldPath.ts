/**
 * Where a value sits in a notebook file ("cells[3].source"), so every complaint names the file and
 * the field in one line: "examples/x.tfnb: cells[3].source must be an array of strings".
 */
import type { JsonObject, JsonValue } from '../protocol/json';
import { NotebookFormatError } from './types';

export class FieldPath {
  constructor(
    readonly file: string,
    readonly path = '',
  ) {}

  at(key: string | number): FieldPath {
    if (typeof key === 'number') return new FieldPath(this.file, `${this.path}[${key}]`);
    return new FieldPath(this.file, this.path ? `${this.path}.${key}` : key);
  }

  /** Throws "<file>: <path> <what>" (the whole file when the path is empty). */
  fail(what: string): never {
    throw new NotebookFormatError(`${this.file}: ${this.path || 'the file'} ${what}`);
  }

  object(value: JsonValue | undefined): JsonObject {
    if (!isJsonObject(value)) this.fail('must be an object');
    return value;
  }

  optionalObject(value: JsonValue | undefined): JsonObject | undefined {
    return value === undefined ? undefined : this.object(value);
  }

  array(value: JsonValue | undefined): JsonValue[] {
    if (!Array.isArray(value)) this.fail('must be an array');
    return value;
  }

  string(value: JsonValue | undefined): string {
    if (typeof value !== 'string') this.fail('must be a string');
    return value;
  }

  stringArray(value: JsonValue | undefined): string[] {
    if (!Array.isArray(value) || !value.every((line) => typeof line === 'string')) this.fail('must be an array of strings');
    return value as string[];
  }

  /** Jupyter's "multiline string": one string, or lines that each keep their "\n". */
  multilineString(value: JsonValue | undefined): string {
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.every((line) => typeof line === 'string')) return value.join('');
    this.fail('must be a string or an array of strings');
  }
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
