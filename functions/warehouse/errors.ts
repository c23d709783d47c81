/**
 * Base of every error the warehouse unit raises on purpose (a bad period, a model that cannot run). The
 * message is a sentence in Bahasa Indonesia; anything else is a bug.
 */
export class WarehouseError extends Error {
  override name = 'WarehouseError';
}
