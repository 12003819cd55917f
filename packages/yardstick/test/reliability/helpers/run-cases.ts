// Child process of the bad-input suite: runs every command line of <cases.json> in this one process (capturing
// what each writes) and writes the outcomes to <outcomes.json>. A child of its own, because capturing stdout
// inside the test runner's process would swallow the runner's own reporting.
import { readFileSync, writeFileSync } from 'node:fs';
import type { CliCase } from './bad-inputs.js';
import { runInProcess, type CliOutcome } from './in-process.js';

const [casesFile, outFile, envJson] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesFile, 'utf8')) as CliCase[];
const env = JSON.parse(envJson) as Record<string, string>;
const outcomes: Record<string, CliOutcome> = {};
for (const c of cases) outcomes[c.id] = await runInProcess(c.argv, env);
writeFileSync(outFile, JSON.stringify(outcomes));
process.exit(0); // a wrongly accepted case may have left a handle open
