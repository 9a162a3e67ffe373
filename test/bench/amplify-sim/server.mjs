// The Amplify AppSync simulator side of test/bench/server.bench.ts, run with plain node from this folder so
// it resolves its own graphql 15. Serves the bench schema with VTL resolvers equivalent to our APPSYNC_JS
// ones: Query.echo on a NONE data source, Query.item as a DynamoDB GetItem. Prints `READY <url>`.
//   node test/bench/amplify-sim/server.mjs '{"port":12345,"dynamodb":{"endpoint":"http://127.0.0.1:8000","table":"bench"}}'
import net from 'node:net';

// The simulator listens on every interface (`listen(port)`); keep it on loopback like every server here.
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  return listen.apply(this, args);
};

const { AmplifyAppSyncSimulator } = await import('@aws-amplify/amplify-appsync-simulator');
const opts = JSON.parse(process.argv[2] ?? '{}');
const API_KEY = 'bench-key';

const schema = `
type Query {
  echo(msg: String): String
  item(id: ID!): Item
}
type Item {
  id: ID!
  name: String
  count: Int
}`;

const simulator = new AmplifyAppSyncSimulator({ port: opts.port });
simulator.init({
  schema: { content: schema },
  appSync: {
    name: 'bench',
    apiKey: API_KEY,
    defaultAuthenticationType: { authenticationType: 'API_KEY' },
    additionalAuthenticationProviders: [],
  },
  dataSources: [
    { type: 'NONE', name: 'none' },
    ...(opts.dynamodb
      ? [{
          type: 'AMAZON_DYNAMODB',
          name: 'table',
          config: { endpoint: opts.dynamodb.endpoint, region: 'us-east-1', tableName: opts.dynamodb.table,
            // the simulator passes config to SDK v3's DynamoDBClient, which reads only `credentials`
            credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 },
        }]
      : []),
  ],
  mappingTemplates: [
    { path: 'echo.req.vtl', content: '{"version": "2018-05-29", "payload": $util.toJson($ctx.args.msg)}' },
    { path: 'echo.res.vtl', content: '$util.toJson($ctx.result)' },
    {
      path: 'item.req.vtl',
      content: '{"version": "2018-05-29", "operation": "GetItem", "key": {"PK": $util.dynamodb.toDynamoDBJson("ITEM#$ctx.args.id"), "SK": $util.dynamodb.toDynamoDBJson("ITEM")}}',
    },
    { path: 'item.res.vtl', content: '#if($ctx.error)$util.error($ctx.error.message, $ctx.error.type)#end\n$util.toJson($ctx.result)' },
  ],
  resolvers: [
    { kind: 'UNIT', typeName: 'Query', fieldName: 'echo', dataSourceName: 'none', requestMappingTemplateLocation: 'echo.req.vtl', responseMappingTemplateLocation: 'echo.res.vtl' },
    ...(opts.dynamodb
      ? [{ kind: 'UNIT', typeName: 'Query', fieldName: 'item', dataSourceName: 'table', requestMappingTemplateLocation: 'item.req.vtl', responseMappingTemplateLocation: 'item.res.vtl' }]
      : []),
  ],
});
await simulator.start();
process.stdout.write(`READY http://127.0.0.1:${opts.port}/graphql ${JSON.stringify({ apiKey: API_KEY })}\n`);
process.on('SIGTERM', () => process.exit(0));
