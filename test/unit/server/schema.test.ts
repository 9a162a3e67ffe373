// AppSync's scalars in the local schema: literal and variable inputs are validated as AppSync does,
// AWSJSON is parsed for resolvers and serialised for clients.
import { graphql, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAppSyncSchemaFromText } from '../../../infra/local/server/schema.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const builtins = readFileSync(path.join(root, 'infra/appsync-builtins.graphql'), 'utf8');
const schema: GraphQLSchema = buildAppSyncSchemaFromText(
  builtins,
  `type Query {
     echo(dt: AWSDateTime, d: AWSDate, url: AWSURL, email: AWSEmail, json: AWSJSON, ip: AWSIPAddress, ts: AWSTimestamp): String
     out: AWSJSON
     badDate: AWSDateTime
   }`,
);

const run = (source: string, variableValues?: Record<string, unknown>) =>
  graphql({
    schema,
    source,
    variableValues,
    rootValue: { echo: (args: Record<string, unknown>) => JSON.stringify(args), out: { a: [1, 2] }, badDate: 'yesterday' },
  });

describe('AppSync scalars', () => {
  it('accepts valid values and hands resolvers parsed AWSJSON', async () => {
    const r = await run(
      'query($j: AWSJSON) { echo(dt: "2026-11-22T10:00:00.123Z", d: "2026-02-28", url: "https://a.example/x?y=1", email: "a@b.co", ip: "10.0.0.0/8", ts: 1700000000, json: $j) }',
      { j: '{"k":[1,true]}' },
    );
    expect(r.errors).toBeUndefined();
    expect(JSON.parse(r.data!.echo as string)).toMatchObject({ json: { k: [1, true] }, dt: '2026-11-22T10:00:00.123Z' });
  });

  it.each([
    ['dt: "2026-11-22T10:00:00"', /AWSDateTime/], // offset is compulsory
    ['dt: "2026-13-01T00:00:00Z"', /AWSDateTime/],
    ['d: "2026-02-30"', /AWSDate/],
    ['url: "not a url"', /AWSURL/],
    ['email: "nobody"', /AWSEmail/],
    ['ip: "300.1.1.1"', /AWSIPAddress/],
    ['json: "{not json"', /AWSJSON/],
  ])('rejects %s', async (arg, message) => {
    const r = await run(`{ echo(${arg}) }`);
    expect(r.errors?.[0].message).toMatch(message);
  });

  it('rejects invalid variables too', async () => {
    const r = await run('query($d: AWSDateTime) { echo(dt: $d) }', { d: 'tomorrow' });
    expect(r.errors?.[0].message).toMatch(/AWSDateTime/);
  });

  it('serialises AWSJSON results as JSON strings and refuses an invalid AWSDateTime result', async () => {
    const r = await run('{ out badDate }');
    expect(r.data?.out).toBe('{"a":[1,2]}');
    expect(r.data?.badDate).toBeNull();
    expect(r.errors?.[0].message).toMatch(/AWSDateTime/);
  });
});
