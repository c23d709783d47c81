import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Duration, Size } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { acknowledge, BASIC_EXECUTION_ROLE } from './nag.ts';

/** The repository root (where package.json and package-lock.json live). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Copy the dashboard page sources and bundle its client now, on the build machine (see `bundleClient`). */
const dashboardCommands = (input: string, output: string) => [
  `cp -r ${input}/dashboards ${output}/dashboards`,
  `${input}/node_modules/.bin/esbuild ${input}/dashboards/app/main.ts --bundle --minify --format=iife --target=es2020 --legal-comments=none --log-level=warning --outfile=${output}/dashboards/app.js`,
];

/** Installed as real node_modules in the bundle (native binding; data files read at run time). */
export const NATIVE_MODULES = ['@duckdb/node-api', 'idn-area-data'] as const;

/**
 * Left out of the bundle: nothing. In particular the AWS SDK is bundled at the versions package.json pins,
 * not taken from whatever the Lambda runtime ships (CDK's default for Node runtimes is `['@aws-sdk/*']`).
 */
export const EXTERNAL_MODULES: readonly string[] = [];

/** Folders the cores read at run time through `new URL('../../…', import.meta.url)`. */
const RUNTIME_FOLDERS = ['sql', 'methodology'];

export interface PantauFunctionProps {
  /** Handler file, relative to the repository root (`functions/ingest/handler.ts`). */
  entry: string;
  description: string;
  timeout: Duration;
  /** @default 1769 (one full vCPU) */
  memorySize?: number;
  /** /tmp size in MiB. @default 512 */
  ephemeralStorageMiB?: number;
  /** Concurrent invocations reserved (and allowed). @default unreserved */
  reservedConcurrentExecutions?: number;
  environment?: Record<string, string>;
  /** @default 3 months */
  logRetention?: RetentionDays;
  /**
   * Ship the dashboard page sources with the client prebuilt (`dashboards/app.js`), for a function that
   * builds the dashboard at run time. @default false
   */
  withDashboard?: boolean;
  /** Installed as real node_modules (see `NATIVE_MODULES`); `[]` for a function that needs neither. @default NATIVE_MODULES */
  nativeModules?: readonly string[];
}

/**
 * A Lambda function running a Pantau core: Node 24 on arm64 (Graviton), ESM bundle, with DuckDB's native
 * binding and the region CSVs installed as real node_modules (esbuild cannot bundle a `.node` file) and
 * the pinned AWS SDK bundled. The bundle keeps the repository layout — `functions/<unit>/index.mjs`
 * beside `sql/` and `methodology/` — so every `new URL('../../…', import.meta.url)` resolves as in the repo.
 */
export class PantauFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: PantauFunctionProps) {
    const unit = relative(PROJECT_ROOT, dirname(resolve(PROJECT_ROOT, props.entry)));
    super(scope, id, {
      entry: resolve(PROJECT_ROOT, props.entry),
      handler: `${unit}/index.handler`,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: resolve(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1769,
      ephemeralStorageSize: Size.mebibytes(props.ephemeralStorageMiB ?? 512),
      timeout: props.timeout,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup: new LogGroup(scope, `${id}Logs`, {
        retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      }),
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        mainFields: ['module', 'main'],
        sourceMap: true,
        banner:
          "import { createRequire as __pantauRequire } from 'node:module'; const require = __pantauRequire(import.meta.url);",
        nodeModules: [...(props.nativeModules ?? NATIVE_MODULES)],
        externalModules: [...EXTERNAL_MODULES],
        environment: { npm_config_cpu: 'arm64', npm_config_os: 'linux', npm_config_libc: 'glibc' },
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (input, output) => [
            `mkdir -p ${output}/${unit}`,
            `mv ${output}/index.mjs ${output}/index.mjs.map ${output}/${unit}/`,
            ...RUNTIME_FOLDERS.map((f) => `cp -r ${input}/${f} ${output}/${f}`),
            ...(props.withDashboard ? dashboardCommands(input, output) : []),
          ],
        },
      },
    });
    acknowledge(this, {
      [BASIC_EXECUTION_ROLE]:
        'AWS-managed policy limited to CloudWatch Logs writes (CreateLogGroup/Stream, PutLogEvents); the function logs to its own retained log group.',
      'IAM5[Resource::*]':
        'X-Ray PutTraceSegments/PutTelemetryRecords (tracing) do not support resource-level permissions.',
    });
  }
}
