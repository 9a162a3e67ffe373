// util.transform namespace: DynamoDB filter/condition expressions, subscription filters, OpenSearch DSL.
export { toDynamoDBFilterExpression, toDynamoDBConditionExpression } from './filter-expression.js';
export { toSubscriptionFilter } from './subscription-filter.js';
export { toElasticsearchQueryDSL } from './opensearch.js';
