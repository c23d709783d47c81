// The shipped methodology versions, apart from the schema that checks a file (`methodology.ts`): a command
// that only names a version (`--methodology`) does not load the schema's library (~85 ms at start-up).

/** The methodology versions shipped in `methodology/`; the first is the default. */
export const METHODOLOGY_VERSIONS = ['v2', 'v1'] as const;
export type MethodologyVersion = (typeof METHODOLOGY_VERSIONS)[number];

/** The file of a shipped methodology version. */
export const methodologyFile = (version: MethodologyVersion): URL =>
  new URL(`../../methodology/${version}.json`, import.meta.url);
