import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AccountRecovery,
  ClientAttributes,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { GROUPS } from '#web/identity.ts';
import { acknowledge, arnToken } from './nag.ts';
import { PantauFunction } from './pantau-function.ts';

export interface WebProps {
  uploads: IBucket;
  lake: IBucket;
  key: IKey;
  /** The site's address (`https://…/`): the only sign-in callback and sign-out target. */
  siteUrl: string;
  /** Prefix of the Cognito sign-in domain (`{prefix}.auth.{region}.amazoncognito.com`). */
  loginDomainPrefix: string;
  destroyOnRemoval: boolean;
}

/**
 * Officers and the ministry on AWS: a Cognito user pool whose users only administrators create (region as
 * a custom attribute users cannot write; groups `officers` and `ministry`; MFA optional), and the web API —
 * an HTTP API whose every route needs a Cognito ID token (JWT authorizer), in front of one Lambda running
 * the same API core as `pantau serve`. Uploads are presigned POSTs for exactly the identity's key.
 */
export class Web extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly api: HttpApi;
  readonly function: PantauFunction;
  readonly loginDomain: string;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      customAttributes: { region: new StringAttribute({ minLen: 2, maxLen: 5, mutable: true }) },
      removalPolicy: props.destroyOnRemoval ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    for (const [name, groupName] of Object.entries(GROUPS))
      new UserPoolGroup(this, `Group-${name}`, { userPool: this.userPool, groupName });
    this.userPool.addDomain('Login', {
      cognitoDomain: { domainPrefix: props.loginDomainPrefix },
    });
    this.loginDomain = `${props.loginDomainPrefix}.auth.${Stack.of(this).region}.amazoncognito.com`;
    this.client = this.userPool.addClient('Site', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
        callbackUrls: [props.siteUrl],
        logoutUrls: [props.siteUrl],
      },
      // the region attribute is readable in the token, never writable by the user (administrators set it)
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes('region'),
      writeAttributes: new ClientAttributes(),
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(8),
    });
    this.function = this.apiFunction(props);
    this.api = this.httpApi();
    acknowledge(this.userPool, {
      COG2: 'MFA is optional by design: officers of 552 regional governments sign in with admin-created accounts; each user may enable a TOTP authenticator.',
      COG8: 'Cognito threat protection (Plus feature plan) is billed per active user; sign-in is admin-created accounts with optional MFA. Enable it in production if the budget allows.',
    });
  }

  /** The API Lambda: reads reports, ledger, quarantine and the dashboard; presigns uploads under uploads/. */
  private apiFunction(props: WebProps): PantauFunction {
    const fn = new PantauFunction(this, 'Function', {
      entry: 'functions/web/handler.ts',
      description: 'Pantau web API: reports, status, presigned uploads (region from the Cognito token)',
      timeout: Duration.seconds(29),
      memorySize: 512,
      environment: {
        LAKE_BUCKET: props.lake.bucketName,
        UPLOADS_BUCKET: props.uploads.bucketName,
        POWERTOOLS_SERVICE_NAME: 'web',
      },
    });
    const readable = [
      'reports/*',
      'index/submissions/*',
      'ledger/*',
      'quarantine/*',
      'published/dashboard/*',
    ];
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: readable.map((p) => props.lake.arnForObjects(p)),
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [props.lake.bucketArn],
        conditions: { StringLike: { 's3:prefix': ['reports/*', 'ledger/*'] } },
      }),
    );
    // presigned POSTs are signed with this role: it may put under uploads/, the policy narrows each to one key
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [props.uploads.arnForObjects('uploads/*')],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [props.key.keyArn] }),
    );
    const lake = arnToken(props.lake);
    acknowledge(fn, {
      [`IAM5[Resource::${lake}/reports/*]`]:
        'Officers and the ministry read submission reports; the region check is in the API (identity from the token).',
      [`IAM5[Resource::${lake}/index/submissions/*]`]:
        'The submission index: where the report of a submission id is filed (one read per lookup, authorised by that region).',
      [`IAM5[Resource::${lake}/ledger/*]`]:
        'Submission status is computed from the ledger entries of the requested region and period.',
      [`IAM5[Resource::${lake}/quarantine/*]`]:
        'The rejected-row file of a report the caller is authorised to read.',
      [`IAM5[Resource::${lake}/published/dashboard/*]`]:
        'The published national dashboard, for ministry users.',
      [`IAM5[Resource::${arnToken(props.uploads)}/uploads/*]`]:
        'Presigned POST signing: each upload policy allows exactly uploads/{region from the token}/{dataset}/{period}/{file} and a size cap.',
    });
    return fn;
  }

  /** The HTTP API: one proxy route under /api, the Cognito JWT authorizer on it and by default, access logs, throttling. */
  private httpApi(): HttpApi {
    const region = Stack.of(this).region;
    const authorizer = new HttpJwtAuthorizer(
      'Cognito',
      `https://cognito-idp.${region}.amazonaws.com/${this.userPool.userPoolId}`,
      {
        jwtAudience: [this.client.userPoolClientId],
        identitySource: ['$request.header.Authorization'],
      },
    );
    const api = new HttpApi(this, 'Api', {
      description: 'Pantau web API (officers, ministry)',
      createDefaultStage: false,
      defaultAuthorizer: authorizer,
    });
    api.addRoutes({
      path: '/api/{proxy+}',
      methods: [HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE],
      integration: new HttpLambdaIntegration('Web', this.function),
      authorizer,
    });
    new HttpStage(this, 'Stage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(
          new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS }),
        ),
      },
    });
    return api;
  }
}
