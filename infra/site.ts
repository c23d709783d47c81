import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  type ResponseSecurityHeadersBehavior,
  S3OriginAccessControl,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { SITE_DASHBOARD_PREFIX } from '#web/dashboard.ts';
import { buildSite, SITE_CSP, type SiteConfig } from '#web/site.ts';
import { DashboardAccess } from './dashboard-access.ts';
import { acknowledge } from './nag.ts';
import type { PantauFunction } from './pantau-function.ts';

export { SITE_DASHBOARD_PREFIX };
/** Where the evaluation job publishes the national dashboard's page in the dashboard bucket. */
export const SITE_DASHBOARD_KEY = `${SITE_DASHBOARD_PREFIX}index.html`;

export interface SiteProps {
  api: IHttpApi;
  accessLogs: IBucket;
  /** How the pages sign in (Cognito domain and client); the dashboard URL is added here. */
  signIn: Omit<Extract<SiteConfig, { auth: 'cognito' }>, 'dashboard_url'>;
  /** The web API function: it hands ministry users the dashboard's signed cookies. */
  dashboardSigner: PantauFunction;
  destroyOnRemoval: boolean;
}

const securityHeaders = (
  csp: string | undefined,
  frame: HeadersFrameOption,
): ResponseSecurityHeadersBehavior => ({
  ...(csp ? { contentSecurityPolicy: { contentSecurityPolicy: csp, override: true } } : {}),
  contentTypeOptions: { override: true },
  frameOptions: { frameOption: frame, override: true },
  referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
  strictTransportSecurity: {
    accessControlMaxAge: Duration.days(365),
    includeSubdomains: true,
    override: true,
  },
});

/** A private bucket only CloudFront reads (through origin access control). */
function privateBucket(
  scope: Construct,
  id: string,
  props: SiteProps,
  options: { versioned: boolean; logPrefix: string },
): Bucket {
  return new Bucket(scope, id, {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: props.accessLogs,
    serverAccessLogsPrefix: options.logPrefix,
    versioned: options.versioned,
    autoDeleteObjects: props.destroyOnRemoval,
    removalPolicy: props.destroyOnRemoval ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
  });
}

/**
 * The site: the pages from a private bucket, and the national dashboard from another, read by CloudFront
 * through origin access control, HTTPS only, with security headers; `/api/*` goes to the HTTP API on the
 * same origin (no CORS, no third-party cookies). The dashboard's bucket is reachable through `/dashboard/*`
 * only, and that behaviour requires CloudFront signed cookies, which the API gives ministry users alone: no
 * path (encoded, or through the pages' behaviour) leads to the dashboard without them.
 */
export class Site extends Construct {
  readonly bucket: Bucket;
  readonly dashboardBucket: Bucket;
  readonly distribution: Distribution;
  readonly access: DashboardAccess;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    this.bucket = privateBucket(this, 'Bucket', props, { versioned: true, logPrefix: 'site/' });
    this.dashboardBucket = privateBucket(this, 'Dashboard', props, {
      versioned: false,
      logPrefix: 'dashboard/',
    });
    const pages = new ResponseHeadersPolicy(this, 'PageHeaders', {
      comment: 'Pantau pages: strict CSP, no framing by others, HSTS',
      securityHeadersBehavior: securityHeaders(
        SITE_CSP.replace("connect-src 'self'", `connect-src 'self' https://${props.signIn.domain}`),
        HeadersFrameOption.DENY,
      ),
    });
    const originAccessControl = new S3OriginAccessControl(this, 'OriginAccess');
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Pantau web',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket, { originAccessControl }),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        responseHeadersPolicy: pages,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(
            `${props.api.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`,
          ),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: pages,
        },
      },
    });
    this.access = this.serveDashboard(props, originAccessControl);
    this.deployPages(props);
    acknowledge(this.distribution, {
      CFR1: 'No geo restriction: officers sign in from anywhere in Indonesia and abroad on official travel; access is by Cognito account.',
      CFR2: 'No WAF web ACL (billed per rule); the API is throttled per stage and every API route needs a Cognito token.',
      CFR3: 'CloudFront standard logs need ACL-enabled buckets, which the account blocks (object ownership enforced); API access is logged at API Gateway.',
      CFR4: 'The default *.cloudfront.net certificate is used (its TLS policy is fixed by CloudFront); give the site a custom domain and certificate to require TLS 1.2.',
    });
  }

  /** `/dashboard/*` from the dashboard bucket, only with cookies signed by the key the API signs with. */
  private serveDashboard(props: SiteProps, originAccessControl: S3OriginAccessControl): DashboardAccess {
    const access = new DashboardAccess(this, 'DashboardAccess', {
      signer: props.dashboardSigner,
      siteOrigin: `https://${this.distribution.distributionDomainName}`,
    });
    this.distribution.addBehavior(
      `/${SITE_DASHBOARD_PREFIX}*`,
      S3BucketOrigin.withOriginAccessControl(this.dashboardBucket, { originAccessControl }),
      {
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        responseHeadersPolicy: new ResponseHeadersPolicy(this, 'DashboardHeaders', {
          comment: 'Pantau dashboard: its own CSP (script by hash) is in the page; framed by the site only',
          securityHeadersBehavior: securityHeaders(undefined, HeadersFrameOption.SAMEORIGIN),
        }),
        cachePolicy: CachePolicy.CACHING_DISABLED,
        trustedKeyGroups: [access.keyGroup],
      },
    );
    return access;
  }

  /**
   * The pages and `config.json`, replacing whatever else the site bucket holds (pruned: a dashboard an older
   * deployment published there is removed), then the whole distribution's cache invalidated.
   */
  private deployPages(props: SiteProps): void {
    const config: SiteConfig = { ...props.signIn, dashboard_url: `/${SITE_DASHBOARD_KEY}` };
    new BucketDeployment(this, 'Pages', {
      destinationBucket: this.bucket,
      sources: [
        ...Object.entries(buildSite()).map(([name, body]) => Source.data(name, body)),
        Source.jsonData('config.json', config),
      ],
      prune: true,
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
  }
}
