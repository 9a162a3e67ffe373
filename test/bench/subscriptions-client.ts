// The client side of test/bench/subscriptions.bench.ts, its own process so the server's CPU and memory are
// its own: opens N raw `ws` connections speaking AppSync's real-time protocol (graphql-ws subprotocol,
// base64 `header` query parameter with the API key), subscribes each to onPing(channel: "bench"), then on
// `FIRE <mutations>` on stdin sends that many ping mutations one after another over HTTP and times every
// delivery (receive time − the mutation's send time, same clock); one ping to another channel must reach
// nobody (the enhanced filter). Prints `SUBSCRIBED <n>` and then `RESULT <file with the samples as JSON>`.
//   tsx test/bench/subscriptions-client.ts <graphqlUrl> <realtimeUrl> <apiKey> <connections>
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { postGraphQL } from './lib/http.js';

const [graphqlUrl, realtimeUrl, apiKey, countArg] = process.argv.slice(2);
const COUNT = Number(countArg ?? 1000);
const host = new URL(graphqlUrl).host;
const header = Buffer.from(JSON.stringify({ host, 'x-api-key': apiKey })).toString('base64');
const SUBSCRIPTION = 'subscription OnPing($c: String!) { onPing(channel: $c) { channel seq sentAt } }';
const now = () => performance.timeOrigin + performance.now();

let expectedSeq = -1;
let onDelivery: ((latencyMs: number, seq: number, channel: string) => void) | undefined;

function connect(i: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${realtimeUrl}?header=${header}&payload=e30=`, 'graphql-ws');
    const timer = setTimeout(() => reject(new Error(`connection ${i}: no start_ack within 30 s`)), 30_000);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init' })));
    ws.on('message', (raw: Buffer) => {
      const at = now();
      const msg = JSON.parse(raw.toString()) as { type: string; payload?: { data?: { onPing?: { seq: number; sentAt: number; channel: string } } } };
      if (msg.type === 'connection_ack') {
        ws.send(JSON.stringify({ type: 'start', id: `s${i}`, payload: { data: JSON.stringify({ query: SUBSCRIPTION, variables: { c: 'bench' } }), extensions: { authorization: { host, 'x-api-key': apiKey } } } }));
      } else if (msg.type === 'start_ack') {
        clearTimeout(timer);
        resolve(ws);
      } else if (msg.type === 'data') {
        const ping = msg.payload?.data?.onPing;
        if (ping) onDelivery?.(at - ping.sentAt, ping.seq, ping.channel);
      } else if (msg.type === 'error' || msg.type === 'connection_error') {
        clearTimeout(timer);
        reject(new Error(`connection ${i}: ${JSON.stringify(msg)}`));
      }
    });
    ws.on('error', reject);
  });
}

const sockets: WebSocket[] = [];
// connect in batches: a thousand simultaneous handshakes would measure the accept queue, not the server
for (let i = 0; i < COUNT; i += 50) {
  sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, COUNT - i) }, (_, j) => connect(i + j)))));
}
process.stdout.write(`SUBSCRIBED ${sockets.length}\n`);

async function ping(channel: string, seq: number): Promise<void> {
  const answer = await postGraphQL(graphqlUrl, { query: 'mutation P($c: String!, $s: Int!, $t: Float!) { ping(channel: $c, seq: $s, sentAt: $t) { channel seq sentAt } }', variables: { c: channel, s: seq, t: now() } }, { 'x-api-key': apiKey });
  if (answer.errors) throw new Error(`ping: ${JSON.stringify(answer.errors)}`);
}

async function fire(mutations: number): Promise<void> {
  const latencies: number[] = [];
  const perMutation: number[] = [];
  let wrong = 0;
  for (let seq = 0; seq < mutations; seq += 1) {
    expectedSeq = seq;
    let got = 0;
    let last = 0;
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`mutation ${seq}: ${got}/${COUNT} deliveries after 30 s`)), 30_000);
      onDelivery = (ms, s, channel) => {
        if (s !== expectedSeq || channel !== 'bench') return void (wrong += 1);
        latencies.push(ms);
        last = Math.max(last, ms);
        got += 1;
        if (got === COUNT) {
          clearTimeout(timer);
          resolve();
        }
      };
    });
    await ping('bench', seq);
    await done;
    perMutation.push(last);
  }
  // the filter: a ping on another channel reaches no one
  expectedSeq = -2;
  onDelivery = () => void (wrong += 1);
  await ping('elsewhere', -1);
  await new Promise((r) => setTimeout(r, 300));
  // 20,000 samples make a line of ~300 KB: hand it over as a file, not through the pipe
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bench-subs-')), 'result.json');
  writeFileSync(file, JSON.stringify({ latencies, allDeliveredMs: perMutation, wrongDeliveries: wrong }));
  process.stdout.write(`RESULT ${file}\n`);
  for (const ws of sockets) ws.terminate();
  process.exit(0);
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const m = /^FIRE (\d+)/.exec(line);
  if (m) void fire(Number(m[1])).catch((err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  });
});
