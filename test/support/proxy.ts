import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ForwardingProxy {
  url: string;
  /** The headers of every request that came, in order. */
  seen: IncomingHttpHeaders[];
  server: Server;
}

/** Forwards every request to a subgraph, `delayMs` late, and keeps the headers it came with. */
export async function forwardingProxy(target: string, delayMs = 0): Promise<ForwardingProxy> {
  const seen: IncomingHttpHeaders[] = [];
  const targetUrl = new URL(target);
  const server = createServer((incoming, outgoing) => {
    seen.push(incoming.headers);
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      setTimeout(() => {
        const forwarded = httpRequest(
          { host: targetUrl.hostname, port: targetUrl.port, path: incoming.url, method: incoming.method, headers: incoming.headers },
          (answer) => {
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
          },
        );
        forwarded.on('error', () => outgoing.writeHead(502).end());
        forwarded.end(Buffer.concat(chunks));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, seen, server };
}
