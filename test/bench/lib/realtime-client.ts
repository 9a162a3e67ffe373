// A minimal AppSync real-time client (raw `ws`, graphql-ws subprotocol, auth as the base64 `header` query
// parameter) for benchmarks: subscribe once, get every `data` payload with its arrival time.
import WebSocket from 'ws';

export interface Subscription {
  close(): void;
}

export function subscribe(
  realtimeUrl: string,
  auth: Record<string, string>,
  request: { query: string; variables: Record<string, unknown> },
  onData: (data: Record<string, unknown>, at: number) => void,
): Promise<Subscription> {
  const header = Buffer.from(JSON.stringify(auth)).toString('base64');
  const ws = new WebSocket(`${realtimeUrl}?header=${header}&payload=e30=`, 'graphql-ws');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('subscription: no start_ack within 15 s')), 15_000);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init' })));
    ws.on('message', (raw: Buffer) => {
      const at = performance.now();
      const msg = JSON.parse(raw.toString()) as { type: string; payload?: { data?: Record<string, unknown> } };
      if (msg.type === 'connection_ack') {
        ws.send(JSON.stringify({ type: 'start', id: '1', payload: { data: JSON.stringify(request), extensions: { authorization: auth } } }));
      } else if (msg.type === 'start_ack') {
        clearTimeout(timer);
        resolve({ close: () => ws.terminate() });
      } else if (msg.type === 'data' && msg.payload?.data) {
        onData(msg.payload.data, at);
      } else if (msg.type === 'error' || msg.type === 'connection_error') {
        clearTimeout(timer);
        reject(new Error(`subscription refused: ${JSON.stringify(msg)}`));
      }
    });
    ws.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
