// The storage contract's conformance suite on each backend: SQLite (a file per test) and PostgreSQL (a real
// throwaway cluster this test starts from Debian's server binaries, a database per test, stopped afterwards).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import { SqliteStorage } from '../../src/storage/sqlite.js';
import { PostgresStorage } from '../../src/storage/postgres.js';
import { conformance } from './conformance.js';
import { postgresBinDir, SKIP_NO_POSTGRES, startPgCluster, type PgCluster } from './helpers/pg-cluster.js';

describe('storage contract: SQLite', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ys-conf-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  conformance({
    async fresh() {
      const file = path.join(dir, `db-${n++}.sqlite`);
      return {
        storage: new SqliteStorage(file).async(),
        reopen: async () => new SqliteStorage(file).async(),
      };
    },
  });
});

const bin = postgresBinDir();
describe('storage contract: PostgreSQL', { skip: bin ? false : SKIP_NO_POSTGRES }, () => {
  let cluster: PgCluster;
  before(async () => {
    cluster = await startPgCluster(bin!);
  });
  after(() => cluster?.stop());
  let n = 0;
  conformance({
    async fresh() {
      const url = await cluster.createDatabase(`conf_${n++}`);
      return { storage: await PostgresStorage.open(url), reopen: () => PostgresStorage.open(url) };
    },
  });
});
