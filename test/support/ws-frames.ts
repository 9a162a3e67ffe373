// A raw WebSocket client for protocol tests: opens the socket and queues incoming JSON frames so a test can
// await them in order (`next()`), optionally dropping the server's keep-alives.
import WebSocket from 'ws';

export interface FrameClient {
  ws: WebSocket;
  inbox: any[];
  /** the next frame, or an error after `timeoutMs` */
  next(timeoutMs?: number): Promise<any>;
  send(frame: object | string): void;
}

export async function openFrames(url: string, protocols: string[] = ['graphql-ws'], opts: { dropKeepAlives?: boolean } = {}): Promise<FrameClient> {
  const ws = new WebSocket(url, protocols);
  const inbox: any[] = [];
  const waiters: Array<(m: any) => void> = [];
  ws.on('message', (d) => {
    const msg = JSON.parse(d.toString());
    if (opts.dropKeepAlives && msg.type === 'ka') return;
    const w = waiters.shift();
    if (w) w(msg);
    else inbox.push(msg);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = (timeoutMs = 2000): Promise<any> =>
    inbox.length
      ? Promise.resolve(inbox.shift())
      : new Promise((resolve, reject) => {
          const t = setTimeout(() => reject(new Error('no message within timeout')), timeoutMs);
          waiters.push((m) => {
            clearTimeout(t);
            resolve(m);
          });
        });
  const send = (frame: object | string) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  return { ws, inbox, next, send };
}
