/**
 * The parts of VS Code's notebook renderer API this renderer uses (the vscode-notebook-renderer
 * types are not a dependency, so they are written down here).
 */
export interface OutputItem {
  /** The output's id: the same for every snapshot of one output (the host replaces it as the fit runs). */
  readonly id: string;
  readonly mime: string;
  json(): unknown;
  text(): string;
}

export interface RendererContext {
  readonly workspace?: { readonly isTrusted: boolean };
}

export interface RendererApi {
  renderOutputItem(item: OutputItem, element: HTMLElement, signal?: AbortSignal): void | Promise<void>;
  disposeOutputItem?(id?: string): void;
}
