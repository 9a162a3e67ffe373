import { describe, expect, it } from 'vitest';
import * as transform from '../../../infra/local/runtime/util/transform.js';

describe('util.transform.toDynamoDBFilterExpression', () => {
  it('returns a JSON string in AWS key order', () => {
    expect(transform.toDynamoDBFilterExpression({ title: { beginsWith: 'He' }, likes: { ge: 3 } })).toBe(
      '{"expression":"(begins_with(#title,:title_beginsWith)) AND (#likes >= :likes_ge)",' +
        '"expressionNames":{"#title":"title","#likes":"likes"},' +
        '"expressionValues":{":title_beginsWith":{"S":"He"},":likes_ge":{"N":3}}}',
    );
  });

  it('gives null, not an error, for filters it cannot render', () => {
    expect(transform.toDynamoDBFilterExpression({ v: { regex: 'x' } })).toBeNull();
    expect(transform.toDynamoDBFilterExpression({ or: [{ a: { eq: 1 } }, 'x'] })).toBeNull();
  });

  it('builds conditions the same way (Amplify-style create guard)', () => {
    const c = JSON.parse(transform.toDynamoDBConditionExpression({ PK: { attributeExists: false }, SK: { attributeExists: false } })!);
    expect(c).toEqual({
      expression: '(attribute_not_exists(#PK)) AND (attribute_not_exists(#SK))',
      expressionNames: { '#PK': 'PK', '#SK': 'SK' },
      expressionValues: {},
    });
  });
});

describe('util.transform.toSubscriptionFilter', () => {
  it('multiplies out nested and/or into filter groups', () => {
    const f = transform.toSubscriptionFilter({ postId: { eq: 'p1' }, or: [{ kind: { eq: 'LIKE' } }, { kind: { eq: 'COMMENT' } }] });
    expect(f).toEqual({
      filterGroup: [
        { filters: [{ fieldName: 'postId', operator: 'eq', value: 'p1' }, { fieldName: 'kind', operator: 'eq', value: 'LIKE' }] },
        { filters: [{ fieldName: 'postId', operator: 'eq', value: 'p1' }, { fieldName: 'kind', operator: 'eq', value: 'COMMENT' }] },
      ],
    });
  });

  it('drops ignored fields everywhere and returns null for non-objects', () => {
    expect(transform.toSubscriptionFilter({ a: { eq: 1 }, or: [{ b: { eq: 2 } }, { a: { eq: 3 } }] }, ['a'])).toEqual({
      filterGroup: [{ filters: [{ fieldName: 'b', operator: 'eq', value: 2 }] }],
    });
    expect(transform.toSubscriptionFilter(42)).toBeNull();
    expect(transform.toSubscriptionFilter({ a: 'bare' })).toBeNull();
  });
});

describe('util.transform.toElasticsearchQueryDSL', () => {
  it('renders the AWS doc example shape', () => {
    const dsl = JSON.parse(transform.toElasticsearchQueryDSL({ upvotes: { ne: 15, range: [10, 20] }, title: { eq: 'hi', wildcard: 'h*i' } }));
    expect(dsl).toEqual({
      bool: {
        must: [
          { bool: { must: [{ bool: { must_not: { term: { upvotes: 15 } } } }, { range: { upvotes: { gte: 10, lte: 20 } } }] } },
          { bool: { must: [{ term: { title: 'hi' } }, { wildcard: { title: 'h*i' } }] } },
        ],
      },
    });
  });

  it('names the field with an unknown operator', () => {
    expect(() => transform.toElasticsearchQueryDSL({ title: { fuzzy: 'x' } })).toThrow('unknown operator "fuzzy" on field "title"');
  });
});
