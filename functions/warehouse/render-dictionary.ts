import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDictionary, renderDictionary } from './dictionary.ts';

/** Where the rendered data dictionary lives. */
export const DICTIONARY_FILE = fileURLToPath(new URL('../../docs/data-dictionary.md', import.meta.url));

/** Render the data dictionary to docs/data-dictionary.md (`npm run docs`). */
export async function writeDictionary(file: string = DICTIONARY_FILE): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, renderDictionary(await dataDictionary()));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeDictionary();
  console.log(`wrote ${DICTIONARY_FILE}`);
}
