import { Stack } from 'aws-cdk-lib';
import { AccountRootPrincipal, Effect, ManagedPolicy, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { lake } from '#core/contract/lake.ts';
import { acknowledge, arnToken } from './nag.ts';

/** The principal tag that names a region officer's region (Kemendagri code, dotted: `31.71`). */
export const REGION_TAG = 'pantau:region';
/** IAM policy variable of that tag. */
export const REGION_VARIABLE = `\${aws:PrincipalTag/${REGION_TAG}}`;

export interface UploadersProps {
  uploads: IBucket;
  lake: IBucket;
  key: IKey;
}

/**
 * Region-scoped upload access by ABAC: a principal tagged `pantau:region=31.71` may put objects only under
 * `uploads/31.71/` and read only its own upload reports under `reports/31.71/`. `policy` can be attached to
 * a region's IAM users or roles carrying the tag; `role` is for federated officers, who assume it with the
 * region as a session tag (required by its trust policy).
 */
export class Uploaders extends Construct {
  readonly policy: ManagedPolicy;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: UploadersProps) {
    super(scope, id);
    const tagged = { Null: { [`aws:PrincipalTag/${REGION_TAG}`]: 'false' } };
    const viaS3 = { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } };
    this.policy = new ManagedPolicy(this, 'Policy', {
      description:
        'Pantau: upload under uploads/{own region}/ and read own reports (region from principal tag)',
      statements: [
        new PolicyStatement({
          sid: 'PutOwnRegionUploads',
          actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
          resources: [props.uploads.arnForObjects(`${lake.uploadsPrefix}${REGION_VARIABLE}/*`)],
          conditions: tagged,
        }),
        new PolicyStatement({
          sid: 'ListOwnRegion',
          actions: ['s3:ListBucket'],
          resources: [props.uploads.bucketArn, props.lake.bucketArn],
          conditions: {
            ...tagged,
            StringLike: {
              's3:prefix': [
                `${lake.uploadsPrefix}${REGION_VARIABLE}/*`,
                `${lake.reportsPrefix}${REGION_VARIABLE}/*`,
              ],
            },
          },
        }),
        new PolicyStatement({
          sid: 'ReadOwnReports',
          actions: ['s3:GetObject'],
          resources: [props.lake.arnForObjects(`${lake.reportsPrefix}${REGION_VARIABLE}/*`)],
          conditions: tagged,
        }),
        new PolicyStatement({
          sid: 'UseDataKeyThroughS3',
          effect: Effect.ALLOW,
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.key.keyArn],
          conditions: viaS3,
        }),
      ],
    });
    this.role = new Role(this, 'Role', {
      description: 'Pantau region officer: assume with session tag pantau:region=<code>',
      assumedBy: new AccountRootPrincipal().withSessionTags().withConditions({
        StringLike: { [`aws:RequestTag/${REGION_TAG}`]: ['??', '??.??'] },
      }),
      managedPolicies: [this.policy],
    });
    acknowledge(this.policy, {
      [`IAM5[Resource::${arnToken(props.uploads)}/${lake.uploadsPrefix}<aws:PrincipalTag/${REGION_TAG}>/*]`]:
        "ABAC: the wildcard is below the principal's own region prefix, which IAM fills from the principal tag.",
      [`IAM5[Resource::${arnToken(props.lake)}/${lake.reportsPrefix}<aws:PrincipalTag/${REGION_TAG}>/*]`]:
        "ABAC: officers read only the upload reports under their own region's prefix (principal tag).",
    });
  }
}
