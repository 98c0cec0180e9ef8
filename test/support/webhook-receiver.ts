import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  answered: number;
}

/**
 * An authority's endpoint for the tests: `/ok` accepts, `/flaky` fails twice then
 * accepts, `/down` always fails. It records every request and what it answered.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private server?: Server;
  private readonly flakyCount = new Map<string, number>();

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        let status = 200;
        if (path.startsWith('/down')) status = 503;
        if (path.startsWith('/flaky')) {
          const seen = (this.flakyCount.get(path) ?? 0) + 1;
          this.flakyCount.set(path, seen);
          status = seen <= 2 ? 500 : 200;
        }
        this.received.push({ path, headers: req.headers, body, answered: status });
        res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  for(certificateNumber: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.body.includes(certificateNumber));
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
