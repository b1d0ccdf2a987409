import net from 'node:net';

/**
 * A loopback port nobody listens on right now: the OS hands one out and it is released before the
 * process under test takes it. A port drawn at random from 40000–60000 lies in Linux's ephemeral
 * range, where any outgoing connection of the machine may already hold it.
 */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
