/**
 * Base of every error the quarterly evaluation raises on purpose. The message is a sentence in Bahasa
 * Indonesia; anything else is a bug.
 */
export class EvaluateError extends Error {
  override name = 'EvaluateError';
}
