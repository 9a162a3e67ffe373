// ctx as AppSync builds it, and the identity shapes per auth mode (util.authType must recognise them).
import { describe, expect, it } from 'vitest';
import {
  apiKeyIdentity,
  buildContext,
  cognitoIdentity,
  contextFromJson,
  iamIdentity,
  lambdaIdentity,
  oidcIdentity,
} from '../../../infra/local/runtime/context.js';
import { inferAuthType } from '../../../infra/local/runtime/util/index.js';

describe('buildContext', () => {
  it('aliases args to arguments and fills AppSync defaults', () => {
    const ctx = buildContext({ arguments: { id: '1' }, info: { fieldName: 'getPost', parentTypeName: 'Query' } });
    expect(ctx.args).toBe(ctx.arguments);
    expect(ctx).toMatchObject({
      arguments: { id: '1' },
      source: null,
      stash: {},
      request: { headers: {}, domainName: null },
      info: { fieldName: 'getPost', parentTypeName: 'Query', variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
      env: {},
    });
    expect('result' in ctx).toBe(false);
    expect('prev' in ctx).toBe(false);
  });

  it('gives {} arguments when there are none, and keeps result/error/prev when given', () => {
    const ctx = buildContext({ result: { a: 1 }, error: null, prev: { result: 2 } });
    expect(ctx.args).toEqual({});
    expect(ctx.result).toEqual({ a: 1 });
    expect(ctx.error).toBeNull();
    expect(ctx.prev).toEqual({ result: 2 });
  });
});

describe('contextFromJson (evaluate-code)', () => {
  it('keeps the given keys, adds the args alias and a stash', () => {
    const ctx = contextFromJson({ arguments: { a: 1 }, source: { id: 's' } });
    expect(ctx.args).toBe(ctx.arguments);
    expect(ctx.stash).toEqual({});
    expect(ctx.source).toEqual({ id: 's' });
    expect(contextFromJson({}).args).toEqual({});
  });
});

describe('identities', () => {
  const claims = { sub: 'u-1', iss: 'https://cognito-idp.local/pool', 'cognito:username': 'ann', 'cognito:groups': ['admins'] };

  it('Cognito user pools', () => {
    const id = cognitoIdentity(claims, { sourceIp: '10.0.0.1' });
    expect(id).toEqual({
      sub: 'u-1',
      issuer: 'https://cognito-idp.local/pool',
      username: 'ann',
      claims,
      sourceIp: ['10.0.0.1'],
      defaultAuthStrategy: 'ALLOW',
      groups: ['admins'],
    });
    expect(inferAuthType(id)).toBe('User Pool Authorization');
    expect(cognitoIdentity({ sub: 'x', iss: 'i' }).groups).toBeNull();
  });

  it('IAM', () => {
    const id = iamIdentity({ accountId: '123456789012', userArn: 'arn:aws:iam::123456789012:user/fn', username: 'AIDA' });
    expect(Object.keys(id).sort()).toEqual(
      ['accountId', 'cognitoIdentityAuthProvider', 'cognitoIdentityAuthType', 'cognitoIdentityId', 'cognitoIdentityPoolId', 'sourceIp', 'userArn', 'username'].sort(),
    );
    expect(inferAuthType(id)).toBe('IAM Authorization');
  });

  it('OIDC, Lambda and API key', () => {
    expect(inferAuthType(oidcIdentity({ sub: 's', iss: 'https://idp' }))).toBe('Open ID Connect Authorization');
    expect(lambdaIdentity({ tenant: 't' })).toEqual({ resolverContext: { tenant: 't' } });
    expect(inferAuthType(lambdaIdentity({ tenant: 't' }))).toBe('Lambda Authorization');
    expect(apiKeyIdentity()).toBeNull();
    expect(inferAuthType(apiKeyIdentity())).toBe('API Key Authorization');
  });
});
