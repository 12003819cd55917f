// Child process for the resume test: runs the fake search on a SQLite run database and SIGKILLs itself
// after KILL_AFTER epochs, like a machine losing power mid-search.
import { fakeSearch, fakeSearchStorage } from './fake-search.js';

const [dbFile, killAfter] = process.argv.slice(2);
await fakeSearch({
  storage: fakeSearchStorage(dbFile, 'run'),
  runId: 'run',
  numSamples: 16,
  maxT: 8,
  afterEpoch: (n) => {
    if (n === Number(killAfter)) process.kill(process.pid, 'SIGKILL');
  },
});
