// Child process for the resume test: runs the fake search on a journal file and SIGKILLs itself after
// KILL_AFTER epochs, like a machine losing power mid-search.
import { JournalStorage } from './journal-storage.js';
import { fakeSearch } from './fake-search.js';

const [journal, killAfter] = process.argv.slice(2);
await fakeSearch({
  storage: new JournalStorage(journal),
  runId: 'run',
  numSamples: 16,
  maxT: 8,
  afterEpoch: (n) => {
    if (n === Number(killAfter)) process.kill(process.pid, 'SIGKILL');
  },
});
