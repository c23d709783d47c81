import { CustomResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { KeyGroup, PublicKey } from 'aws-cdk-lib/aws-cloudfront';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge, arnToken, BASIC_EXECUTION_ROLE } from './nag.ts';
import { PantauFunction } from './pantau-function.ts';

export interface DashboardAccessProps {
  /** The function that signs the cookies (the web API): the only reader of the private key. */
  signer: PantauFunction;
  /** The site's origin (`https://d….cloudfront.net`): the cookies' policy covers `{origin}/dashboard/*`. */
  siteOrigin: string;
  /** Raise it to replace the key pair at the next deployment (new key, new public key id). @default 1 */
  keyGeneration?: number;
}

/**
 * What lets ministry users, and only them, read the dashboard through CloudFront: a key pair made at deploy
 * time by a custom resource (the private half written straight into a Secrets Manager secret that only the
 * signer may read, the public half registered as CloudFront's trusted key group). Neither the template, the
 * code nor a log holds the private key. Sets the signer's `DASHBOARD_KEY_SECRET_ARN`,
 * `DASHBOARD_KEY_PAIR_ID` and `SITE_ORIGIN`.
 */
export class DashboardAccess extends Construct {
  readonly keyGroup: KeyGroup;
  readonly secret: Secret;
  readonly generator: PantauFunction;

  constructor(scope: Construct, id: string, props: DashboardAccessProps) {
    super(scope, id);
    const generation = props.keyGeneration ?? 1;
    this.secret = new Secret(this, 'SigningKey', {
      description: 'Pantau: private key of the dashboard CloudFront signed cookies (written at deploy time)',
      // a key made for this stack's public key: useless without it, made again by a new deployment
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.generator = new PantauFunction(this, 'KeyGenerator', {
      entry: 'functions/web/cookie-key-handler.ts',
      description: 'Pantau deploy time: new key pair for the dashboard cookies (private half to the secret)',
      timeout: Duration.minutes(1),
      memorySize: 256,
      nativeModules: [],
    });
    this.generator.addToRolePolicy(
      new PolicyStatement({ actions: ['secretsmanager:PutSecretValue'], resources: [this.secret.secretArn] }),
    );
    const provider = new Provider(this, 'KeyProvider', { onEventHandler: this.generator });
    // a new generation is a new resource: Create makes the new pair; the old resource's Delete does nothing
    const pair = new CustomResource(this, `KeyPair${generation}`, {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::PantauCookieKey',
      properties: { SecretId: this.secret.secretArn, Generation: generation },
    });
    const publicKey = new PublicKey(this, `PublicKey${generation}`, {
      encodedKey: pair.getAttString('PublicKey'),
      comment: 'Pantau: checks the dashboard signed cookies',
    });
    this.keyGroup = new KeyGroup(this, 'KeyGroup', {
      items: [publicKey],
      comment: 'Pantau: signers of the dashboard cookies (the web API)',
    });
    props.signer.addToRolePolicy(
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [this.secret.secretArn] }),
    );
    props.signer.addEnvironment('DASHBOARD_KEY_SECRET_ARN', this.secret.secretArn);
    props.signer.addEnvironment('DASHBOARD_KEY_PAIR_ID', publicKey.publicKeyId);
    props.signer.addEnvironment('SITE_ORIGIN', props.siteOrigin);
    acknowledge(provider, {
      [BASIC_EXECUTION_ROLE]:
        'CDK custom-resource framework function (runs only during deployment): the managed policy only writes its own logs.',
      [`IAM5[Resource::${arnToken(this.generator)}:*]`]:
        'The custom-resource framework may invoke the key generator and its versions only.',
    });
    acknowledge(this.secret, {
      SMG4: 'A CloudFront signing key cannot be rotated by Secrets Manager: CloudFront must trust the new public key first. Rotate by raising keyGeneration and deploying (new pair, new public key, new key group entry).',
    });
  }
}
