/** JSON values: what may cross a process or webview boundary. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** An error as it travels between sides (never an Error instance). */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}
