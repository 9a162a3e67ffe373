// For debugging browser flows by hand: `npx tsx test/e2e/support/dev-stack.ts` starts the e2e stack
// (free ports, fixed confirmation code) with a Bob, an admin and a reward, prints its URLs as JSON, and runs
// until Ctrl-C.
import { gqlAs, PASSWORD, startE2EStack } from './stack';

const env = await startE2EStack();
await env.stack.pool.createUser('bob.e2e@example.com', PASSWORD);
await env.stack.pool.createUser('admin.e2e@example.com', PASSWORD, { groups: ['admins'] });
const admin = await env.stack.pool.signIn('admin.e2e@example.com', PASSWORD);
await gqlAs(env.stack, admin.IdToken, 'mutation R($input: PutRewardInput!) { putReward(input: $input) { id } }', {
  input: { name: 'Sticker', description: 'One vinyl sticker.', cost: 10, stock: 5 },
});
console.log(JSON.stringify({ webUrl: env.webUrl, graphqlUrl: env.stack.graphqlUrl }));
const stop = async () => {
  await env.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
setInterval(() => {
  for (const line of env.logs.splice(0)) console.log(line);
}, 500);
