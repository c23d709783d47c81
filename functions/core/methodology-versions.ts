// The shipped methodology versions and the hashes of their files, apart from the schema that checks a file
// (`methodology-schema.ts`): a command that names a version (`--methodology`) or loads a shipped file does
// not load the schema's library (~0.1 s at start-up).

/** The methodology versions shipped in `methodology/`; the first is the default. */
export const METHODOLOGY_VERSIONS = ['v2', 'v1'] as const;
export type MethodologyVersion = (typeof METHODOLOGY_VERSIONS)[number];

/** Whether `name` is a shipped methodology version. */
export const isMethodologyVersion = (name: string): name is MethodologyVersion =>
  (METHODOLOGY_VERSIONS as readonly string[]).includes(name);

/** The file of a shipped methodology version. */
export const methodologyFile = (version: MethodologyVersion): URL =>
  new URL(`../../methodology/${version}.json`, import.meta.url);

/**
 * The sha256 of each shipped file's bytes. The test suite checks those bytes against the schema, so a file
 * with them is loaded without the schema (`loadMethodology`); a test fails when a file and its hash here
 * differ.
 */
export const SHIPPED_HASHES: Record<MethodologyVersion, string> = {
  v2: 'eb9efd37933a6e8b37683a4e635c34805de8c7d0167f9f9027d0eb702d8fd15a',
  v1: '664314352cbd984140703c84f46e5bfb86c8706b87081861a40d341493b3fcad',
};
