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
} as const;

/** The one logger of a function (service name from POWERTOOLS_SERVICE_NAME, set by its construct). */
export const logger = new Logger();

/** The one metrics instance of a function, flushed by the handler. */
export const metrics = new Metrics({ namespace: METRIC_NAMESPACE });
