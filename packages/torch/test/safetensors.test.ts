import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as torch from '@yardstick/torch';
import { nn, optim, serialization } from '@yardstick/torch';

const fixtures = new URL('./fixtures/', import.meta.url);
const pytorchFile = new URL('pytorch.safetensors', fixtures).pathname;
const expected = JSON.parse(readFileSync(new URL('pytorch-safetensors.json', fixtures), 'utf8')) as {
  metadata: Record<string, string>;
  tensors: Record<string, { dtype: string; shape: number[]; values: (number | boolean)[] }>;
};

const dir = mkdtempSync(path.join(tmpdir(), 'ys-safetensors-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

test('a file written by PyTorch loads with identical names, dtypes, shapes and values', () => {
  const loaded = serialization.load(pytorchFile);
  assert.deepEqual(Object.keys(loaded).sort(), Object.keys(expected.tensors).sort());
  for (const [name, e] of Object.entries(expected.tensors)) {
    const t = loaded[name];
    assert.equal(t.dtype, e.dtype, name);
    assert.deepEqual(t.shape, e.shape, name);
    assert.deepEqual(t.toArray(), e.values.map(Number), name);
  }
  assert.deepEqual(serialization.loadMetadata(pytorchFile), expected.metadata);
});

test('saving the same tensors in the same order reproduces PyTorch-side bytes exactly', () => {
  const loaded = serialization.load(pytorchFile);
  const out = path.join(dir, 'again.safetensors');
  serialization.save(loaded, out, expected.metadata);
  assert.ok(readFileSync(out).equals(readFileSync(pytorchFile)));
});

test('round trip of every dtype, with metadata', () => {
  const tensors = {
    f32: torch.tensor([
      [1.5, -2],
      [3, 4e-7],
    ]),
    f64: torch.tensor([Math.PI, -Math.E], { dtype: 'float64' }),
    i64: torch.tensor([2 ** 53 - 1, -5], { dtype: 'int64' }),
    i32: torch.tensor([7, -8, 9], { dtype: 'int32' }),
    b: torch.tensor([true, false]),
    u8: torch.tensor([0, 200], { dtype: 'uint8' }),
    scalar: torch.tensor(2.5),
    strided: torch.arange(6).reshape([2, 3]).t(),
  };
  const file = path.join(dir, 'all.safetensors');
  serialization.save(tensors, file, { epoch: '3' });
  const back = serialization.load(file);
  for (const [k, t] of Object.entries(tensors)) {
    assert.equal(back[k].dtype, t.dtype, k);
    assert.deepEqual(back[k].shape, t.shape, k);
    assert.deepEqual(back[k].toArray(), t.toArray(), k);
  }
  assert.deepEqual(serialization.loadMetadata(file), { epoch: '3' });
  // The data section starts 8-byte aligned.
  const bytes = readFileSync(file);
  assert.equal((8 + Number(bytes.readBigUInt64LE(0))) % 8, 0);
});

test('corrupt or foreign files give errors naming the file and the problem', () => {
  const bad = (name: string, content: Buffer) => {
    const f = path.join(dir, name);
    writeFileSync(f, content);
    return f;
  };
  const header = (obj: unknown, data = Buffer.alloc(0)) => {
    const json = Buffer.from(JSON.stringify(obj));
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(json.length));
    return Buffer.concat([len, json, data]);
  };
  const short = bad('short.safetensors', Buffer.from([1, 2]));
  assert.throws(() => serialization.load(short), new RegExp(`${short}: too short`));
  const cases: [string, Buffer, RegExp][] = [
    [
      'huge.safetensors',
      Buffer.from([255, 255, 255, 255, 0, 0, 0, 0, 123]),
      /header length \d+ exceeds the file/,
    ],
    ['json.safetensors', header('x').subarray(0, 9), /header length|not valid JSON/],
    [
      'f16.safetensors',
      header({ w: { dtype: 'F16', shape: [1], data_offsets: [0, 2] } }, Buffer.alloc(2)),
      /tensor 'w' has dtype "F16", not one of F32, F64, I64, I32, BOOL, U8/,
    ],
    [
      'offsets.safetensors',
      header({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, Buffer.alloc(8)),
      /tensor 'w' has data_offsets \[0,4\], expected \[0, 8\]/,
    ],
  ];
  for (const [name, content, message] of cases)
    assert.throws(() => serialization.load(bad(name, content)), message, name);
  assert.throws(() => serialization.load(path.join(dir, 'missing.safetensors')), /ENOENT/);
});

class Tiny extends nn.Module {
  conv = new nn.Conv1d(2, 4, 3);
  bn = new nn.BatchNorm1d(4);
  forward(x: torch.Tensor): torch.Tensor {
    return this.bn.forward(this.conv.forward(x));
  }
}

test('loadModule restores a module saved with save(stateDict); mismatches name the file and the tensor', () => {
  torch.manualSeed(3);
  const a = new Tiny();
  torch.tidy(() => a.forward(torch.randn([5, 2, 8])));
  const file = path.join(dir, 'tiny.safetensors');
  serialization.save(a.stateDict(), file);
  const b = new Tiny();
  serialization.loadModule(b, file);
  const x = torch.randn([3, 2, 8]);
  a.eval();
  b.eval();
  assert.deepEqual(b.forward(x).toArray(), a.forward(x).toArray());
  assert.equal(b.bn.numBatchesTracked!.item(), 1);
  // PyTorch's own file does not fit this module: unexpected names and mismatched shapes are listed.
  assert.throws(
    () => serialization.loadModule(new Tiny(), pytorchFile),
    (e: Error) =>
      e.message.startsWith(pytorchFile) &&
      /unexpected key\(s\): .*'labels'/.test(e.message) &&
      /size mismatch for 'conv.weight': checkpoint has shape \[4,2,3\]|missing key/.test(e.message),
  );
  serialization.save({ ...a.stateDict(), 'bn.running_var': torch.ones([4], { dtype: 'float64' }) }, file);
  assert.throws(
    () => serialization.loadModule(new Tiny(), file),
    /dtype mismatch for 'bn.running_var': checkpoint has float64, the module has float32/,
  );
});

test('a training checkpoint (model, optimizer, scheduler, extra) resumes identically', () => {
  torch.manualSeed(4);
  const x = torch.randn([6, 2, 8]);
  const target = torch.randn([6, 4, 6]);
  const stepOnce = (m: Tiny, opt: optim.Optimizer<{ lr: number }>, s: optim.lrScheduler.LRScheduler) =>
    torch.tidy(() => {
      opt.zeroGrad();
      const loss = nn.functional.mseLoss(m.forward(x), target);
      loss.backward();
      opt.step();
      s.step();
      return loss.item();
    });
  const a = new Tiny();
  const optA = new optim.Adam(a.parameters(), { lr: 0.01, amsgrad: true });
  const schedA = new optim.lrScheduler.StepLR(optA, 1, 0.5);
  stepOnce(a, optA, schedA);
  const file = path.join(dir, 'ckpt.safetensors');
  serialization.saveCheckpoint(file, {
    model: a.stateDict(),
    optimizer: optA.stateDict(),
    scheduler: schedA.stateDict(),
    extra: { epoch: 1 },
  });
  const lossesA = [stepOnce(a, optA, schedA), stepOnce(a, optA, schedA)];

  const ckpt = serialization.loadCheckpoint(file);
  assert.deepEqual(ckpt.extra, { epoch: 1 });
  const b = new Tiny();
  b.loadStateDict(ckpt.model);
  const optB = new optim.Adam(b.parameters(), { lr: 0.01, amsgrad: true });
  optB.loadStateDict(ckpt.optimizer!);
  const schedB = new optim.lrScheduler.StepLR(optB, 1, 0.5);
  schedB.loadStateDict(ckpt.scheduler!);
  assert.deepEqual(optB.paramGroups[0].lr, 0.005);
  const lossesB = [stepOnce(b, optB, schedB), stepOnce(b, optB, schedB)];
  assert.deepEqual(lossesB, lossesA);
  assert.throws(() => serialization.loadCheckpoint(pytorchFile), /not a yardstick checkpoint/);
});
