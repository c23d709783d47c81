/**
 * Base of every error the ingest unit raises on purpose (a file it cannot read, a key it refuses). The
 * message is a sentence in Bahasa Indonesia for the officer or operator; anything else is a bug.
 */
export class IngestError extends Error {
  override name = 'IngestError';
}
