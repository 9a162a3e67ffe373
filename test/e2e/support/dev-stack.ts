// For debugging browser flows by hand: `npx tsx test/e2e/support/dev-stack.ts` starts the e2e stack
// (free ports, fixed confirmation code) with a Bob, an admin and a reward, prints its URLs as JSON, and runs
// until Ctrl-C.
import { addPeopleAndReward, startE2EStack } from './stack';

const env = await startE2EStack();
await addPeopleAndReward(env.stack);
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
