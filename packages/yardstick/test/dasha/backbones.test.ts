import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@yardstick/torch';
import {
  buildBackbone,
  macsPerSample,
  slotCount,
  type BackboneSpec,
  type NetworkShape,
} from '../../src/dasha/backbones/index.js';
import { plainConvFactory, type ConvSlot } from '../../src/dasha/backbones/conv.js';
import type { ResNet1d } from '../../src/dasha/backbones/resnet1d.js';
import { MixedConv } from '../../src/dasha/dash/mixed-conv.js';
import { SATELLITE_SPACE } from '../../src/dasha/dash/space.js';

/** Records every slot the backbone asks for, building plain convs with the default kernels. */
function recordingFactory(slots: ConvSlot[]) {
  const plain = plainConvFactory();
  return (s: ConvSlot) => {
    slots.push(s);
    return plain(s);
  };
}

function build(spec: BackboneSpec, shape: NetworkShape, faithful = false) {
  const slots: ConvSlot[] = [];
  torch.manualSeed(0);
  const net = buildBackbone(spec, shape, { dropRate: 0, faithful }, recordingFactory(slots));
  return { net, slots };
}

test('1-D ResNet: nine searchable convs 5->m->2m->2m, logits per class, MACs counted by hand', () => {
  const shape = { inChannels: 5, spatial: [70], numClasses: 2 };
  const { net, slots } = build({ kind: 'resnet1d', width: 8 }, shape);
  assert.equal(slots.length, 9);
  assert.deepEqual(
    slots.map((s) => [s.inChannels, s.outChannels, s.defaultKernel]),
    [
      [5, 8, 8],
      [8, 8, 5],
      [8, 8, 3],
      [8, 16, 8],
      [16, 16, 5],
      [16, 16, 3],
      [16, 16, 8],
      [16, 16, 5],
      [16, 16, 3],
    ],
  );
  const y = torch.tidy(() => net.forward(torch.randn([3, 5, 70])).shape);
  assert.deepEqual(y, [3, 2]);
  // by hand: block convs + two 1x1 shortcuts, times 70 positions, + the 32x2 linear head
  const convs =
    5 * 8 * 8 +
    8 * 8 * 5 +
    8 * 8 * 3 +
    8 * 16 * 8 +
    16 * 16 * 5 +
    16 * 16 * 3 +
    16 * 16 * 8 +
    16 * 16 * 5 +
    16 * 16 * 3;
  assert.equal(macsPerSample({ kind: 'resnet1d', width: 8 }, shape), (convs + 5 * 8 + 8 * 16) * 70 + 16 * 2);
  net.dispose();
});

test('1-D ResNet faithful mode: causal convolutions (output t sees inputs t-7..t for k = 8) and no block-3 skip', () => {
  const shape = { inChannels: 1, spatial: [20], numClasses: 2 };
  const { net } = build({ kind: 'resnet1d', width: 2 }, shape, true);
  const conv = (net as ResNet1d).block0.unit0.conv;
  torch.tidy(() => {
    const x = torch.zeros([1, 1, 20]);
    const base = conv.forward(x).toArray();
    const bumped = conv
      .forward(torch.zeros([1, 1, 20]).add(torch.F.pad(torch.ones([1, 1, 1]), [10, 9])))
      .toArray();
    for (let t = 0; t < 20; t++) {
      const changed = base.some((_, i) => i % 20 === t && base[i] !== bumped[i]);
      assert.equal(changed, t >= 10 && t <= 17, `position ${t}`); // k = 8: output t sees inputs t-7..t
    }
  });
  assert.equal((net as ResNet1d).block2.shortcut, null);
  assert.equal(Reflect.get((net as ResNet1d).block2, 'identitySkip'), false);
  net.dispose();
  const fixed = build({ kind: 'resnet1d', width: 2 }, shape, false).net;
  assert.equal(Reflect.get((fixed as ResNet1d).block2, 'identitySkip'), true);
  fixed.dispose();
});

test('wrn-D-W: 6n+1 searchable convs independent of W, strides 1/2/2, logits per class', () => {
  const shape = { inChannels: 3, spatial: [16, 16], numClasses: 4 };
  for (const widen of [1, 2]) {
    const { net, slots } = build({ kind: 'wrn', depth: 10, widen }, shape);
    assert.equal(slots.length, slotCount({ kind: 'wrn', depth: 10, widen }));
    assert.equal(slots.length, 7);
    assert.deepEqual(
      slots.map((s) => s.stride),
      [1, 1, 1, 1, 2, 1, 2],
    );
    assert.deepEqual(
      torch.tidy(() => net.forward(torch.randn([2, 3, 16, 16])).shape),
      [2, 4],
    );
    net.dispose();
  }
  assert.equal(slotCount({ kind: 'wrn', depth: 22, widen: 8 }), 19);
  assert.throws(() => slotCount({ kind: 'wrn', depth: 12, widen: 1 }), /6n\+4/);
});

test('UNet: 18 searchable convs; classifier head gives [N, C], segmentation head per-pixel [N, C, H, W]', () => {
  const shape = { inChannels: 4, spatial: [32, 32], numClasses: 7 };
  const cls = build({ kind: 'unet', base: 4, head: 'classify' }, shape);
  assert.equal(cls.slots.length, 18);
  assert.deepEqual(
    torch.tidy(() => cls.net.forward(torch.randn([2, 4, 32, 32])).shape),
    [2, 7],
  );
  cls.net.dispose();
  const seg = build({ kind: 'unet', base: 4, head: 'segment' }, { ...shape, spatial: [30, 30] });
  assert.deepEqual(
    torch.tidy(() => seg.net.forward(torch.randn([2, 4, 30, 30])).shape),
    [2, 7, 30, 30],
  ); // odd sizes re-padded
  seg.net.dispose();
});

test('supernet: every searchable conv becomes a mixture (depthwise where in == out) and the net still runs', () => {
  torch.manualSeed(0);
  const net = buildBackbone(
    { kind: 'wrn', depth: 10, widen: 1 },
    { inChannels: 3, spatial: [12, 12], numClasses: 2 },
    { dropRate: 0, faithful: false },
    (s) =>
      new MixedConv({
        dims: s.dims,
        inChannels: s.inChannels,
        outChannels: s.outChannels,
        stride: s.stride,
        bias: s.bias,
        biasFanIn: 9 * s.inChannels,
        space: SATELLITE_SPACE,
        separable: true,
        noiseSeed: s.index,
      }),
  );
  const mixed = [...net.modules()].filter((m) => m instanceof MixedConv) as MixedConv[];
  assert.equal(mixed.length, 7);
  assert.deepEqual(
    mixed.map((m) => m.groups > 1),
    [false, true, true, false, true, false, true],
  );
  assert.deepEqual(
    torch.tidy(() => net.forward(torch.randn([2, 3, 12, 12])).shape),
    [2, 2],
  );
  net.dispose();
});
