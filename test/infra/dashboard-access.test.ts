import { Match } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { beforeAll, describe, expect, it } from 'vitest';
import { allStatements, list, logicalIdAt, synthStack } from './stack.ts';

let t: ReturnType<typeof synthStack>;
beforeAll(() => {
  t = synthStack();
});
const id = (path: string[]) => logicalIdAt(t.stack, path);

type Behaviour = {
  PathPattern?: string;
  TargetOriginId: string;
  TrustedKeyGroups?: unknown[];
  OriginRequestPolicyId?: string;
  CachePolicyId?: string;
};
type Origin = { Id: string; DomainName: unknown };
function distribution() {
  const [dist] = Object.values(t.template.findResources('AWS::CloudFront::Distribution'));
  const config = dist!.Properties.DistributionConfig;
  const behaviours: Behaviour[] = [config.DefaultCacheBehavior, ...config.CacheBehaviors];
  return { behaviours, origins: config.Origins as Origin[] };
}

describe('the national dashboard on AWS: ministry users only, by CloudFront signed cookies', () => {
  it('requires signed cookies (the trusted key group) on /dashboard/* and nowhere else', () => {
    const signed = distribution().behaviours.filter((b) => b.TrustedKeyGroups);
    expect(signed.map((b) => b.PathPattern)).toEqual(['/dashboard/*']);
    expect(signed[0]!.TrustedKeyGroups).toEqual([{ Ref: id(['Site', 'DashboardAccess', 'KeyGroup']) }]);
    t.template.hasResourceProperties('AWS::CloudFront::KeyGroup', {
      KeyGroupConfig: Match.objectLike({
        Items: [{ Ref: id(['Site', 'DashboardAccess', 'PublicKey1']) }],
      }),
    });
  });

  it('lets the API hand out the cookies: /api/* forwards every viewer cookie (CloudFront then passes Set-Cookie) and caches nothing', () => {
    const [apiBehaviour] = distribution().behaviours.filter((b) => b.PathPattern === '/api/*');
    expect(apiBehaviour).toMatchObject({
      OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
      CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
    });
  });

  it('has no public path to the dashboard objects: only the signed behaviour reaches their bucket', () => {
    const dashboard = id(['Site', 'Dashboard']);
    const { behaviours, origins } = distribution();
    const dashboardOrigins = origins
      .filter((o) => JSON.stringify(o.DomainName).includes(`"${dashboard}"`))
      .map((o) => o.Id);
    expect(dashboardOrigins).toHaveLength(1);
    for (const b of behaviours)
      expect(dashboardOrigins.includes(b.TargetOriginId), b.PathPattern ?? '*').toBe(
        b.TrustedKeyGroups !== undefined,
      );
    // the bucket: no public access; readable by this distribution only
    expect(t.template.findResources('AWS::S3::Bucket')[dashboard]!.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    const [policy] = Object.values(t.template.findResources('AWS::S3::BucketPolicy')).filter(
      (p) => p.Properties.Bucket.Ref === dashboard,
    );
    const allows = (policy!.Properties.PolicyDocument.Statement as { Effect: string }[]).filter(
      (s) => s.Effect === 'Allow',
    );
    expect(allows).toEqual([
      expect.objectContaining({
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      }),
    ]);
    expect(JSON.stringify(allows)).toContain(id(['Site', 'Distribution']));
    // the pages' bucket keeps only the pages: whatever an older deployment published there is pruned
    t.template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: id(['Site', 'Bucket']) },
      Prune: true,
      DistributionPaths: ['/*'],
    });
  });

  it('never holds the private key; only the web function reads the secret, only the key generator writes it', () => {
    expect(JSON.stringify(t.template.toJSON())).not.toMatch(/PRIVATE KEY|BEGIN RSA/);
    t.template.hasResourceProperties('AWS::CloudFront::PublicKey', {
      PublicKeyConfig: Match.objectLike({
        EncodedKey: { 'Fn::GetAtt': [id(['Site', 'DashboardAccess', 'KeyPair1']), 'PublicKey'] },
      }),
    });
    const secret = id(['Site', 'DashboardAccess', 'SigningKey']);
    const onSecret = allStatements(t.template).filter(({ s }) =>
      JSON.stringify(s.Resource).includes(`"${secret}"`),
    );
    const grants = onSecret.map(({ roles, s }) => ({ roles: JSON.parse(roles), actions: list(s.Action) }));
    expect(grants).toEqual(
      expect.arrayContaining([
        {
          roles: [{ Ref: id(['Web', 'Function', 'ServiceRole']) }],
          actions: ['secretsmanager:GetSecretValue'],
        },
        {
          roles: [{ Ref: id(['Site', 'DashboardAccess', 'KeyGenerator', 'ServiceRole']) }],
          actions: ['secretsmanager:PutSecretValue'],
        },
      ]),
    );
    expect(grants).toHaveLength(2);
    // and no statement anywhere grants Secrets Manager more broadly
    const broad = allStatements(t.template).filter(
      ({ s }) =>
        list(s.Action).some((a) => a.startsWith('secretsmanager:') || a === '*') &&
        !JSON.stringify(s.Resource).includes(`"${secret}"`),
    );
    expect(broad).toEqual([]);
  });

  it('the web function signs for this site with the deployed key', () => {
    t.template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'functions/web/index.handler',
      Environment: {
        Variables: Match.objectLike({
          DASHBOARD_KEY_SECRET_ARN: { Ref: id(['Site', 'DashboardAccess', 'SigningKey']) },
          DASHBOARD_KEY_PAIR_ID: { Ref: id(['Site', 'DashboardAccess', 'PublicKey1']) },
          SITE_ORIGIN: {
            'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [id(['Site', 'Distribution']), 'DomainName'] }]],
          },
        }),
      },
    });
  });

  it('the evaluation job publishes into the dashboard bucket, under dashboard/ only', () => {
    const dashboard = id(['Site', 'Dashboard']);
    t.template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'functions/evaluate/index.handler',
      Environment: {
        Variables: Match.objectLike({
          DASHBOARD_BUCKET: { Ref: dashboard },
          DASHBOARD_KEY: 'dashboard/index.html',
        }),
      },
    });
    const writes = allStatements(t.template).filter(({ s }) => list(s.Action).includes('s3:PutObject'));
    const intoDashboard = writes.filter(({ s }) => JSON.stringify(s.Resource).includes(`"${dashboard}"`));
    expect(intoDashboard).toHaveLength(1);
    expect(intoDashboard[0]!.roles).toContain(id(['Evaluate', 'Function', 'ServiceRole']));
    expect(JSON.stringify(intoDashboard[0]!.s.Resource)).toMatch(/"\/dashboard\/\*"/);
    const intoPages = writes.filter(({ s }) =>
      JSON.stringify(s.Resource).includes(`"${id(['Site', 'Bucket'])}"`),
    );
    expect(intoPages.map(({ roles }) => roles).join()).not.toContain(
      id(['Evaluate', 'Function', 'ServiceRole']),
    );
  });
});
