import type { GraphQLFormattedError } from 'graphql';
import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SlowConsumer } from '../errors.js';
import { ClientBuffers } from './client-buffers.js';

/** The kernel's bounded event-stream writer (docs/architecture.md §14) on a real socket. */
const farewell = (error: unknown): GraphQLFormattedError => (error as SlowConsumer).toJSON();
let server: Server | undefined;

afterEach(() => {
  server?.closeAllConnections();
  server?.close();
});

/** Serves one stream of `source` through `buffers`; resolves with the client's response, unread. */
async function streamTo(buffers: ClientBuffers, source: AsyncIterator<string>): Promise<{ response: IncomingMessage; piped: Promise<void> }> {
  let piped: Promise<void> = Promise.resolve();
  server = createServer((_request, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    piped = buffers.pipeEventStream(source, res, farewell);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const response = await new Promise<IncomingMessage>((resolve) => get(`http://127.0.0.1:${port}/`, resolve));
  return { response, piped };
}

/** Everything the client is sent until the server ends or closes the connection. */
function readAll(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => response.once('close', () => resolve(Buffer.concat(chunks).toString('utf8'))));
}

describe('the bounded event-stream writer', () => {
  it('drops a client that stops reading once SUBSCRIPTION_BUFFER_BYTES wait for it, with the error as its last event', async () => {
    const buffers = new ClientBuffers(256 * 1024, 5_000);
    const event = `event: next\ndata: ${JSON.stringify({ data: { text: 'x'.repeat(64 * 1024) } })}\n\n`;
    let produced = 0;
    let returned = false;
    const source: AsyncIterator<string> = {
      next: async () => {
        produced += 1;
        await new Promise((resolve) => setImmediate(resolve));
        return { done: false, value: event };
      },
      return: async () => {
        returned = true;
        return { done: true, value: undefined };
      },
    };
    const { response, piped } = await streamTo(buffers, source);
    // The client reads nothing until the writer has given up on it.
    await piped;
    expect(returned).toBe(true);
    expect(buffers.metrics().slowConsumersDropped).toBe(1);
    expect(buffers.metrics().subscriptionBufferPeakBytes).toBeLessThanOrEqual(256 * 1024);
    const events = (await readAll(response)).trimEnd().split('\n\n');
    expect(events.length).toBeLessThan(produced + 2);
    expect(events.at(-1)).toBe('event: complete\ndata:');
    expect(JSON.parse(events.at(-2)!.replace('event: next\ndata: ', ''))).toMatchObject({
      errors: [{ extensions: { code: 'LIMIT_EXCEEDED', limit: 'subscriptionBufferBytes', max: 256 * 1024 } }],
    });
  });

  it("ends the stream with the source's SlowConsumer (the hub's queue) as the last event", async () => {
    const buffers = new ClientBuffers(256 * 1024, 5_000);
    const events = ['event: next\ndata: {"data":{"n":1}}\n\n'];
    const source: AsyncIterator<string> = {
      next: async () => {
        const value = events.shift();
        if (value) return { done: false, value };
        throw new SlowConsumer('subscriptionQueue', 100);
      },
    };
    const { response } = await streamTo(buffers, source);
    const body = await readAll(response);
    expect(body.startsWith('event: next\ndata: {"data":{"n":1}}\n\n')).toBe(true);
    expect(body).toContain('"code":"LIMIT_EXCEEDED","limit":"subscriptionQueue","max":100');
    expect(body.endsWith('event: complete\ndata:\n\n')).toBe(true);
    expect(buffers.metrics().slowConsumersDropped).toBe(0);
  });
});
