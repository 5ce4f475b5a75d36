/**
 * Whether a Jupyter notebook is a TypeScript one (its kernelspec or language_info says so), so
 * Fitlab's kernel can be offered first for it. Pure; reads both places VS Code's ipynb serializer
 * has kept the file's metadata in (`custom.metadata`, older; `metadata`, newer).
 */
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isTypeScriptJupyter(metadata: Record<string, unknown> | undefined): boolean {
  const custom = isRecord(metadata?.custom) ? metadata.custom.metadata : undefined;
  return [custom, metadata?.metadata].some((file) => {
    if (!isRecord(file)) return false;
    const spec = isRecord(file.kernelspec) ? file.kernelspec : {};
    const info = isRecord(file.language_info) ? file.language_info : {};
    return [spec.language, info.name].some((lang) => typeof lang === 'string' && lang.toLowerCase() === 'typescript');
  });
}
