// `yardstick download <dataset>`: fetch a dataset from its public origin into the data directory, verified.
import { mkdirSync } from 'node:fs';
import { Command } from 'commander';
import { dataDirSetting } from '../data/data-dir.js';
import { DATASETS, downloadDataset } from '../data/download/index.js';

export function registerDownload(program: Command): void {
  program
    .command('download')
    .description(
      'download a dataset from its public origin into the data directory, with checksum verification',
    )
    .argument('[dataset]', `one of: ${DATASETS.map((d) => d.name).join(', ')}`)
    .option('--list', 'list the datasets and where they go')
    .option('--allow-unverified', 'accept an archive that has no published checksum (its sha256 is printed)')
    .action(
      async (
        dataset: string | undefined,
        opts: { list?: boolean; allowUnverified?: boolean },
        command: Command,
      ) => {
        if (opts.list || !dataset) {
          for (const d of DATASETS) console.log(`${d.name.padEnd(20)} ${d.description}`);
          return;
        }
        const { dir } = dataDirSetting(command.optsWithGlobals<{ dataDir?: string }>().dataDir);
        mkdirSync(dir, { recursive: true });
        await downloadDataset(dataset, dir, {
          allowUnverified: opts.allowUnverified,
          log: (line) => console.log(line),
        });
        console.log(`done: ${dataset} in ${dir}`);
      },
    );
}
