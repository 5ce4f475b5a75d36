/** Where a CLI command writes; tests pass buffers, bin/fitlab passes the process's streams. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The working directory relative paths resolve from. */
  cwd: string;
}

/** Exit codes shared by every command: 0 ok, 1 the command's own "found problems", 2 bad input. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_BAD_INPUT = 2;
