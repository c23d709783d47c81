import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/** CloudWatch namespace of Pantau's EMF metrics (read by the dashboard and alarms in infra/). */
export const METRIC_NAMESPACE = 'Pantau';

/** Metric names, shared by the handlers that emit them and the dashboard that plots them. */
export const METRIC = {
  /** One per processed submission, dimension `outcome` = accepted / rejected / duplicate. */
  submissions: 'Submissions',
  rowsAccepted: 'RowsAccepted',
  rowsRejected: 'RowsRejected',
  /** Job: marts partitions written by one scheduled run. */
  partitionsWritten: 'PartitionsWritten',
  /** Job, per built model (dimension `model`): rows of the mart partition. */
  modelRows: 'ModelRows',
  /** Job, per built model (dimension `model`): bytes its Athena statements scanned. */
  modelBytesScanned: 'ModelBytesScanned',
  /** Job, per built model (dimension `model`): wall time of the step. */
  modelSeconds: 'ModelSeconds',
} as const;

/** The dimension that names the model on the per-model job metrics. */
export const MODEL_DIMENSION = 'model';

/** The one logger of a function (service name from POWERTOOLS_SERVICE_NAME, set by its construct). */
export const logger = new Logger();

/** The one metrics instance of a function, flushed by the handler. */
export const metrics = new Metrics({ namespace: METRIC_NAMESPACE });
