// Reads Vite's build manifest (dist/ui/.vite/manifest.json): which JS files a page needs before
// it runs, so that the UI load benchmark can say what the first page costs and where recharts is.

export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

/** The key of the page's entry chunk (index.html). */
export function entryKey(manifest: Manifest): string {
  const keys = Object.keys(manifest).filter((k) => manifest[k]!.isEntry);
  if (keys.length !== 1) throw new Error(`expected one entry chunk in the manifest, found ${keys.length}`);
  return keys[0]!;
}

/** The key of the chunk built from a source file (e.g. 'src/device/DevicePage.tsx'). */
export function chunkOf(manifest: Manifest, src: string): string {
  const key = Object.keys(manifest).find((k) => manifest[k]!.src === src);
  if (!key) throw new Error(`no chunk for ${src} in the manifest`);
  return key;
}

/** The files a chunk loads before it runs: its own and its static imports', transitively (not dynamic ones). */
export function staticFiles(manifest: Manifest, key: string): string[] {
  const seen = new Set<string>();
  const visit = (k: string) => {
    if (seen.has(k)) return;
    const chunk = manifest[k];
    if (!chunk) throw new Error(`the manifest names ${k} but has no entry for it`);
    seen.add(k);
    for (const i of chunk.imports ?? []) visit(i);
  };
  visit(key);
  return [...seen].map((k) => manifest[k]!.file);
}
