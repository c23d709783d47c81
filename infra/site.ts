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
import { buildSite, SITE_CSP, type SiteConfig } from '#web/site.ts';
import { acknowledge } from './nag.ts';

/** Where the evaluation job publishes the national dashboard in the site bucket. */
export const SITE_DASHBOARD_PREFIX = 'dashboard/';
export const SITE_DASHBOARD_KEY = `${SITE_DASHBOARD_PREFIX}index.html`;

export interface SiteProps {
  api: IHttpApi;
  accessLogs: IBucket;
  /** How the pages sign in (Cognito domain and client); the dashboard URL is added here. */
  signIn: Omit<Extract<SiteConfig, { auth: 'cognito' }>, 'dashboard_url'>;
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

/**
 * The site: a private bucket (pages and the published dashboard) read by CloudFront through origin access
 * control, HTTPS only, with security headers; `/api/*` goes to the HTTP API on the same origin (no CORS,
 * no third-party cookies).
 */
export class Site extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'site/',
      versioned: true,
      autoDeleteObjects: props.destroyOnRemoval,
      removalPolicy: props.destroyOnRemoval ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    const cognito = `https://${props.signIn.domain}`;
    const pages = new ResponseHeadersPolicy(this, 'PageHeaders', {
      comment: 'Pantau pages: strict CSP, no framing by others, HSTS',
      securityHeadersBehavior: securityHeaders(
        SITE_CSP.replace("connect-src 'self'", `connect-src 'self' ${cognito}`),
        HeadersFrameOption.DENY,
      ),
    });
    const dashboard = new ResponseHeadersPolicy(this, 'DashboardHeaders', {
      comment: 'Pantau dashboard: its own CSP (script by hash) is in the page; framed by the site only',
      securityHeadersBehavior: securityHeaders(undefined, HeadersFrameOption.SAMEORIGIN),
    });
    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Pantau web',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        responseHeadersPolicy: pages,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      },
      additionalBehaviors: {
        [`/${SITE_DASHBOARD_PREFIX}*`]: {
          origin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          responseHeadersPolicy: dashboard,
          cachePolicy: CachePolicy.CACHING_DISABLED,
        },
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
    const config: SiteConfig = { ...props.signIn, dashboard_url: `/${SITE_DASHBOARD_KEY}` };
    new BucketDeployment(this, 'Pages', {
      destinationBucket: this.bucket,
      sources: [
        ...Object.entries(buildSite()).map(([name, body]) => Source.data(name, body)),
        Source.jsonData('config.json', config),
      ],
      // the dashboard is published by the evaluation job, not by deployments
      prune: false,
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/app.js', '/style.css', '/config.json'],
    });
    acknowledge(this.distribution, {
      CFR1: 'No geo restriction: officers sign in from anywhere in Indonesia and abroad on official travel; access is by Cognito account.',
      CFR2: 'No WAF web ACL (billed per rule); the API is throttled per stage and every API route needs a Cognito token.',
      CFR3: 'CloudFront standard logs need ACL-enabled buckets, which the account blocks (object ownership enforced); API access is logged at API Gateway.',
      CFR4: 'The default *.cloudfront.net certificate is used (its TLS policy is fixed by CloudFront); give the site a custom domain and certificate to require TLS 1.2.',
    });
  }
}
