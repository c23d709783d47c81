/** The region Pantau is deployed to unless the context names another: Jakarta, where the data belongs. */
export const DEFAULT_REGION = 'ap-southeast-3';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/**
 * The deployment region, chosen deliberately: the `region` context (`cdk deploy -c region=…`), else
 * {@link DEFAULT_REGION}. `CDK_DEFAULT_REGION` is ignored on purpose: the CLI always sets it (to the
 * profile's region, or us-east-1), so it would silently move the data out of Indonesia.
 */
export function deploymentRegion(context: unknown): { region: string; source: string } {
  if (context === undefined || context === null || context === '')
    return { region: DEFAULT_REGION, source: 'default' };
  if (typeof context !== 'string' || !REGION.test(context))
    throw new Error(`context "region" is not an AWS region code: ${JSON.stringify(context)}`);
  return { region: context, source: 'context "region"' };
}
