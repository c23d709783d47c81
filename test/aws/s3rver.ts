import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';

/** A running s3rver: a client for it, the S3 events it emitted so far, and a stop function. */
export interface LocalS3 {
  client: S3Client;
  events: S3Event[];
  stop(): Promise<void>;
}

/**
 * Start s3rver on 127.0.0.1 (random port) with the given buckets, in a child process with the
 * `--openssl-legacy-provider` flag its paginated listings need (deps.md).
 */
export async function startS3(buckets: string[]): Promise<LocalS3> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./s3rver-process.ts', import.meta.url)), [], {
    execArgv: ['--openssl-legacy-provider', '--import', 'tsx'],
    env: { ...process.env, S3RVER_BUCKETS: buckets.join(',') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const events: S3Event[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    child.on('message', (m: { port?: number; event?: S3Event }) => {
      if (m.event) events.push(m.event);
      if (m.port) resolve(m.port);
    });
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code}`)));
  });
  const client = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const stop = async () => {
    client.destroy();
    const exited = new Promise((r) => child.once('exit', r));
    child.kill();
    await exited;
  };
  return { client, events, stop };
}

/** The environment the ingest handler reads, pointed at a local s3rver with `uploads` and `lake` buckets. */
export async function handlerEnv(s3: LocalS3): Promise<Record<string, string>> {
  const endpoint = await s3.client.config.endpoint?.();
  return {
    UPLOADS_BUCKET: 'uploads',
    LAKE_BUCKET: 'lake',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${endpoint?.port}`,
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    // the machines here run Node 20; Lambda runs Node 24, where the SDK has nothing to warn about
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}
