// `yardstick download <dataset>`: fetch a dataset from its public origin into the data directory, verified.
import { mkdirSync } from 'node:fs';
import { Command } from 'commander';
import { dataDirSetting } from '../data/data-dir.js';
import { DATASETS, datasetGroups, downloadDataset } from '../data/download/index.js';

export function registerDownload(program: Command): void {
  program
    .command('download')
    .description(
      'download a dataset from its public origin into the data directory, with checksum verification',
    )
    .argument(
      '[dataset]',
      `a dataset or a group (${datasetGroups().join(', ')}; e.g. nt/H3, geobench/m-eurosat); --list names all`,
    )
    .option('--list', 'list the datasets, where they come from and how they are verified')
    .option(
      '--allow-unverified',
      'accept files whose origin publishes no checksum (their sha256 and size are printed and recorded)',
    )
    .action(
      async (
        dataset: string | undefined,
        opts: { list?: boolean; allowUnverified?: boolean },
        command: Command,
      ) => {
        if (opts.list || !dataset) {
          for (const d of DATASETS)
            console.log(`${d.name.padEnd(30)} ${d.description}\n${''.padEnd(30)} checksums: ${d.checksums}`);
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
