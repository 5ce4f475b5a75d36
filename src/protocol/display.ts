import type { JsonValue } from './json';

/**
 * One rich output a cell produces: a mime type and its value. Text mimes carry a string,
 * JSON mimes ("application/json", "application/vnd.fitlab.*+json") carry a JSON value.
 */
export interface DisplayItem {
  mime: string;
  value: JsonValue;
}

/** The mime type of a run output drawn by Fitlab's notebook renderer. Its value is a RunOutput. */
export const RUN_MIME = 'application/vnd.fitlab.run+json';

/** The mime type of a structured error Fitlab shows in a cell (VS Code's own error mime). */
export const ERROR_MIME = 'application/vnd.code.notebook.error';
