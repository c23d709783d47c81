import { type CfnElement, Stack, Token, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledge cdk-nag AwsSolutions findings on a construct (and its children), each with the reason a
 * security reviewer needs. `findings` maps a finding id (`IAM5[Resource::…]`) to its reason.
 */
export function acknowledge(scope: IConstruct, findings: Record<string, string>): void {
  for (const [id, reason] of Object.entries(findings)) {
    Validations.of(scope).acknowledge({ id: `AwsSolutions::AwsSolutions-${id}`, reason });
  }
}

/** How cdk-nag prints the ARN of a resource in a finding id: `<LogicalId.Arn>`. */
export function arnToken(resource: IConstruct): string {
  const element = (resource.node.defaultChild ?? resource) as CfnElement;
  return `<${Stack.of(resource).getLogicalId(element)}.Arn>`;
}

/** The managed policy every Lambda role gets for writing its own logs. */
export const BASIC_EXECUTION_ROLE =
  'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

/** How cdk-nag prints the stack's account in a finding id: the number, or `<AWS::AccountId>` when unresolved. */
export function accountToken(scope: IConstruct): string {
  const { account } = Stack.of(scope);
  return Token.isUnresolved(account) ? '<AWS::AccountId>' : account;
}
