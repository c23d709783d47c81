import type { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { UploadTarget } from './api.ts';
import { MAX_UPLOAD_BYTES, type UploadPlan } from './uploads.ts';

/** Minutes a presigned upload stays valid. */
export const PRESIGN_MINUTES = 10;

/**
 * The presigned POST's policy conditions: exactly the planned key (built from the identity's region), and a
 * size between 1 byte and the cap. S3 refuses any other key or a larger body whatever the form says.
 */
export function uploadConditions(plan: UploadPlan): [string, string, string | number][] {
  return [
    ['eq', '$key', plan.key],
    ['content-length-range', 1, MAX_UPLOAD_BYTES] as unknown as [string, string, number],
  ];
}

/** A presigned POST to the uploads bucket for one planned upload. */
export async function presignUpload(s3: S3Client, bucket: string, plan: UploadPlan): Promise<UploadTarget> {
  const post = await createPresignedPost(s3, {
    Bucket: bucket,
    Key: plan.key,
    Conditions: uploadConditions(plan) as never,
    Expires: PRESIGN_MINUTES * 60,
  });
  return { url: post.url, fields: post.fields };
}
