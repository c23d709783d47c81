/**
 * Base of every error the quarterly evaluation raises on purpose. The message is a sentence in Bahasa
 * Indonesia; anything else is a bug.
 */
export class EvaluateError extends Error {
  override name = 'EvaluateError';
}

/** The period has no curated data: evaluating it would publish an empty, permanent snapshot. */
export class NoCuratedDataError extends EvaluateError {
  override name = 'NoCuratedDataError';

  constructor(
    readonly period: string,
    /** Periods that do have curated data, oldest first. */
    readonly available: readonly string[],
  ) {
    super(
      `tidak ada data terkurasi untuk periode ${period}; ${
        available.length
          ? `periode yang ada: ${available.join(', ')}`
          : 'lake ini belum berisi data terkurasi (jalankan pantau ingest dahulu)'
      }`,
    );
  }
}
