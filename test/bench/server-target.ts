// One side of the server benchmarks, run as its own process:
//   tsx test/bench/server-target.ts bare|local '{"dynamodb":{"endpoint":"http://127.0.0.1:8000","table":"bench"}}'
// prints `READY <url>` and serves until SIGTERM.
//   bare:  graphql-js 16 over node:http with plain function resolvers and a parsed-document cache (DESIGN.md's
//          practical ceiling); Query.item is one GetItem with the SDK.
//   local: our local AppSync server (createAppSyncServer + the real-time layer) serving test/bench/fixtures with
//          APPSYNC_JS resolvers on NONE and DynamoDB data sources, API key auth.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { buildSchema, execute, parse, validate, type DocumentNode } from 'graphql';
import { attachToServer } from '../../infra/local/realtime/index.js';
import { createAppSyncServer } from '../../infra/local/server/app.js';
import { localDynamoDBClient } from '../../infra/local/services/dynamodb.js';
import { BENCH_API_KEY, benchApi } from './lib/bench-api.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
interface TargetOptions {
  dynamodb?: { endpoint: string; table: string };
}
const side = process.argv[2];
const opts = JSON.parse(process.argv[3] ?? '{}') as TargetOptions;
const ddb = opts.dynamodb ? localDynamoDBClient(opts.dynamodb.endpoint) : undefined;

async function bare(): Promise<string> {
  const sdl = readFileSync(path.join(root, benchApi.schemaFile), 'utf8');
  const schema = buildSchema(`directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION\n${sdl}`);
  const docs = new Map<string, DocumentNode>();
  const rootValue = {
    echo: ({ msg }: { msg: string }) => msg,
    item: async ({ id }: { id: string }) => {
      const out = await ddb!.send(new GetItemCommand({ TableName: opts.dynamodb!.table, Key: { PK: { S: `ITEM#${id}` }, SK: { S: 'ITEM' } } }));
      return out.Item ? unmarshall(out.Item) : null;
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        const text = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      };
      let body: { query: string; variables?: Record<string, unknown> };
      let doc: DocumentNode | undefined;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
        doc = docs.get(body.query);
        if (!doc) {
          doc = parse(body.query);
          const errors = validate(schema, doc);
          if (errors.length) return reply(400, { errors });
          docs.set(body.query, doc);
        }
      } catch (err) {
        return reply(400, { errors: [{ message: (err as Error).message }] });
      }
      void Promise.resolve(execute({ schema, document: doc, rootValue, variableValues: body.variables })).then((r) => reply(200, r));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
}

async function local(): Promise<string> {
  // without DynamoDB Local (the subscription bench) the GetItem resolver and its data source are left out
  const api = ddb ? benchApi : { ...benchApi, dataSources: { none: benchApi.dataSources.none }, resolvers: benchApi.resolvers.filter((r) => r.kind === 'UNIT' && r.dataSource === 'none') };
  const server = await createAppSyncServer({
    api,
    repoRoot: root,
    apiKeys: [BENCH_API_KEY],
    dynamodb: ddb,
    resources: { tables: { bench: opts.dynamodb?.table ?? 'bench' }, buckets: {} },
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const realtime = attachToServer(server, { onError: (err) => process.stderr.write(`realtime: ${(err as Error).message}\n`) });
  // the subscription bench asks how many sockets are open (a plain line protocol on stdin)
  process.stdin.on('data', () => process.stdout.write(`CONNECTIONS ${realtime.connectionCount()}\n`));
  return server.url;
}

const url = side === 'bare' ? await bare() : side === 'local' ? await local() : undefined;
if (!url) throw new Error(`server-target: unknown side ${side} (bare|local)`);
process.stdout.write(`READY ${url}\n`);
// exit normally on SIGTERM so `--cpu-prof` runs write their profile
process.on('SIGTERM', () => process.exit(0));
