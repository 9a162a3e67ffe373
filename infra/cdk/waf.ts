// WAFv2 web ACL on the AppSync API: a per-IP rate limit (the stage's requests per 5 minutes) plus AWS's
// managed rule group for known bad inputs (the common rule set's body rules would misfire on user captions).
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface WafProps {
  /** the ARN of the AppSync API */
  resourceArn: string;
  ratePer5Minutes: number;
  name: string;
}

const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

const managed = (name: string, priority: number): wafv2.CfnWebACL.RuleProperty => ({
  name,
  priority,
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
  overrideAction: { none: {} },
  visibilityConfig: visibility(name),
});

export class Waf extends Construct {
  readonly acl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: WafProps) {
    super(scope, id);
    this.acl = new wafv2.CfnWebACL(this, 'Acl', {
      name: props.name,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(props.name),
      rules: [
        {
          name: 'rate-per-ip',
          priority: 0,
          statement: { rateBasedStatement: { limit: props.ratePer5Minutes, aggregateKeyType: 'IP' } },
          action: { block: {} },
          visibilityConfig: visibility('rate-per-ip'),
        },
        managed('AWSManagedRulesKnownBadInputsRuleSet', 1),
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'Association', { resourceArn: props.resourceArn, webAclArn: this.acl.attrArn });
  }
}
