/**
 * Finds the PostgreSQL server the integration tests use, so that `npm test` works anywhere:
 *   1. TEST_DATABASE_URL, when set;
 *   2. otherwise a container from testcontainers, where a Docker engine answers;
 *   3. otherwise a real PostgreSQL started from npm's server binaries (src/db/embedded.ts),
 *      PGDRIFT_TEST_PG_VERSION choosing the major version (default 15).
 * Whichever it is must answer; nothing is skipped for want of a server.
 */
import pg from 'pg';
import { startEmbedded, type EmbeddedVersion } from '../../src/db/embedded.js';

let stop: (() => Promise<void>) | undefined;

async function fromDocker(): Promise<string | null> {
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    return null;
  }
  const container = await new GenericContainer('postgres:15')
    .withEnvironment({ POSTGRES_PASSWORD: 'pgdrift', POSTGRES_HOST_AUTH_METHOD: 'trust' })
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  stop = async () => {
    await container.stop();
  };
  return `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`;
}

async function fromEmbedded(): Promise<string> {
  const version = Number(process.env.PGDRIFT_TEST_PG_VERSION ?? 15) as EmbeddedVersion;
  const server = await startEmbedded({ version });
  stop = () => server.stop();
  return server.url;
}

export default async function setup(): Promise<() => Promise<void>> {
  let url = process.env.TEST_DATABASE_URL;
  let source = 'TEST_DATABASE_URL';
  if (!url) {
    url = (await fromDocker()) ?? undefined;
    source = 'testcontainers';
  }
  if (!url) {
    url = await fromEmbedded();
    source = 'an embedded PostgreSQL';
  }
  process.env.TEST_DATABASE_URL = url;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    process.stdout.write(`tests use PostgreSQL ${rows[0]?.v} from ${source}\n`);
  } catch (error) {
    throw new Error(`the test server from ${source} does not answer: ${(error as Error).message}`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
  return async () => {
    await stop?.();
  };
}
