import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { lake } from '#core/contract/lake.ts';
import { GROUPS, REGION_CLAIM } from '#web/identity.ts';
import { list, logicalIdAt, type Statement, allStatements as statementsOf, synthStack } from './stack.ts';

let t: ReturnType<typeof synthStack>;
beforeAll(() => {
  t = synthStack();
});

const logicalId = (path: string[]) => logicalIdAt(t.stack, path);
const allStatements = () => statementsOf(t.template);

describe('Cognito user pool', () => {
  it('admin-created users only, optional MFA, region attribute users cannot write, two groups', () => {
    t.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'region', AttributeDataType: 'String', Mutable: true }),
      ]),
    });
    const [client] = Object.values(t.template.findResources('AWS::Cognito::UserPoolClient'));
    expect(client!.Properties.ReadAttributes).toContain(REGION_CLAIM);
    expect(client!.Properties.WriteAttributes ?? []).not.toContain(REGION_CLAIM);
    expect(client!.Properties.WriteAttributes).toEqual([]);
    expect(client!.Properties.GenerateSecret).toBe(false);
    expect(client!.Properties.AllowedOAuthFlows).toEqual(['code']);
    const groups = Object.values(t.template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual(Object.values(GROUPS).sort());
  });
});

describe('HTTP API', () => {
  it('puts the Cognito JWT authorizer on every route', () => {
    const routes = Object.values(t.template.findResources('AWS::ApiGatewayV2::Route'));
    expect(routes.length).toBeGreaterThan(0);
    for (const r of routes) {
      expect(r.Properties.AuthorizationType, r.Properties.RouteKey).toBe('JWT');
      expect(r.Properties.AuthorizerId).toBeDefined();
    }
    t.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [Match.anyValue()], Issuer: Match.anyValue() },
    });
    t.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 50 }),
    });
  });
});

describe('uploads: nothing lets a caller choose their region', () => {
  it('only the web function may put into the uploads bucket, and only under uploads/ (presign signer)', () => {
    const uploads = logicalId(['Storage', 'Uploads']);
    const webRole = logicalId(['Web', 'Function', 'ServiceRole']);
    const puts = allStatements().filter(
      ({ s }) =>
        s.Effect === 'Allow' &&
        list(s.Action).some((a) => a === 's3:PutObject' || a === 's3:*' || a === 's3:PutObject*') &&
        JSON.stringify(s.Resource).includes(uploads),
    );
    expect(puts).toHaveLength(1);
    expect(puts[0]!.roles).toContain(webRole);
    expect(JSON.stringify(puts[0]!.s.Resource)).toMatch(/"\/uploads\/\*"/);
  });

  it('no role trusts a principal that could set a region tag; no policy reads one', () => {
    const roles = Object.values(t.template.findResources('AWS::IAM::Role'));
    for (const r of roles) {
      for (const s of r.Properties.AssumeRolePolicyDocument.Statement as Statement[]) {
        expect(list(s.Action)).not.toContain('sts:TagSession');
        expect(Object.keys(s.Principal as object)).toEqual(['Service']);
      }
    }
    const text = JSON.stringify(allStatements());
    expect(text).not.toMatch(/aws:PrincipalTag|aws:RequestTag|pantau:region/);
    expect(t.template.findResources('AWS::IAM::ManagedPolicy')).toEqual({});
  });
});

describe('site', () => {
  it('serves a private bucket through CloudFront with origin access control, HTTPS only, security headers', () => {
    t.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const [dist] = Object.values(t.template.findResources('AWS::CloudFront::Distribution'));
    const config = dist!.Properties.DistributionConfig;
    const behaviours = [config.DefaultCacheBehavior, ...config.CacheBehaviors];
    expect(behaviours.map((b: { PathPattern?: string }) => b.PathPattern ?? '*').sort()).toEqual([
      '*',
      '/api/*',
      '/dashboard/*',
    ]);
    for (const b of behaviours) expect(b.ViewerProtocolPolicy).toBe('https-only');
    t.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: Match.objectLike({
            ContentSecurityPolicy: Match.stringLikeRegexp("script-src 'self'"),
          }),
          StrictTransportSecurity: Match.objectLike({ IncludeSubdomains: true }),
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
      }),
    });
  });
});

describe('report lookup by id', () => {
  it('lets the web function read the submission index that ingest writes (one read, no listing)', () => {
    const webRole = logicalId(['Web', 'Function', 'ServiceRole']);
    const reads = allStatements().filter(
      ({ roles, s }) => roles.includes(webRole) && list(s.Action).includes('s3:GetObject'),
    );
    const index = lake.submissionIndexKey('x').replace(/x\.json$/, '*');
    expect(JSON.stringify(reads.map(({ s }) => s.Resource))).toContain(`"/${index}"`);
  });
});

describe('reminders', () => {
  it('runs daily in WIB and may only send from its SES identity and list the officers group', () => {
    t.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Jakarta',
    });
    const actions = allStatements().flatMap(({ s }) => list(s.Action));
    expect(actions).toContain('ses:SendEmail');
    expect(actions).toContain('cognito-idp:ListUsersInGroup');
    expect(actions).not.toContain('cognito-idp:AdminUpdateUserAttributes');
    t.template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'pantau@kemenpan.go.id' });
  });
});
