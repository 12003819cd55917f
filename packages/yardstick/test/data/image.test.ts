import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { crc32, createDeflate } from 'node:zlib';
import { augmentBatch, rot90, rotateImage } from '../../src/data/image/augment.js';
import { decodeImageFile } from '../../src/data/image/decode.js';
import { listImageFolder, loadImageFiles } from '../../src/data/image/folder.js';
import { readGeobenchSample, readPickleLabel } from '../../src/data/image/geobench.js';
import { channelStats, standardize } from '../../src/data/image/normalize.js';
import { resizeBilinear } from '../../src/data/image/resize.js';
import { createRng } from '../../src/common/random.js';
import { dataDir, fixtures, scratch } from './helpers.js';
import { needsSharedData } from '../helpers/shared-data.js';

const fx = (name: string) => path.join(fixtures, name);
/** The fixtures' closed form: value(c, y, x) = 100 c + 10 y + x. */
const pattern = (c: number, h: number, w: number) =>
  Array.from(
    { length: c * h * w },
    (_, i) => 100 * Math.floor(i / (h * w)) + 10 * Math.floor((i % (h * w)) / w) + (i % w),
  );

test('PNG (RGB and palette) and multi-band TIFF decode to channel-first values', async () => {
  const rgb = await decodeImageFile(fx('rgb.png'));
  assert.deepEqual([rgb.channels, rgb.height, rgb.width], [3, 4, 5]);
  assert.deepEqual([...rgb.data], pattern(3, 4, 5));
  const pal = await decodeImageFile(fx('palette.png'));
  assert.deepEqual([...pal.data], [10, 40, 40, 10, 20, 50, 50, 20, 30, 60, 60, 30]);
  const tif = await decodeImageFile(fx('multiband.tif'));
  assert.deepEqual([tif.channels, tif.height, tif.width], [6, 4, 5]);
  assert.deepEqual([...tif.data], pattern(6, 4, 5));
});

test(
  'EuroSAT JPEGs decode to the class mean colours stated in the data README',
  { skip: needsSharedData('satellite/eurosat') },
  async () => {
    const listing = listImageFolder(path.join(dataDir, 'satellite', 'eurosat'));
    assert.equal(listing.classNames.length, 10);
    assert.equal(listing.files.length, 5000);
    const forest = listing.classNames.indexOf('Forest');
    const files = listing.files.filter((f) => f.label === forest);
    const ds = await loadImageFiles(files, { channels: 3, height: 64, width: 64 }, listing.classNames[0]);
    const { mean } = channelStats(ds);
    // README: Forest is darkest, mean RGB (39, 64, 76), from PIL's decoder
    [39, 64, 76].forEach((m, c) => assert.ok(Math.abs(mean[c] - m) < 1, `channel ${c}: ${mean[c]} vs ${m}`));
  },
);

test('class folders are listed in name order with numeric file order, and odd sizes are resampled', async () => {
  const root = fx('ucmerced-mini');
  const listing = listImageFolder(root);
  assert.deepEqual(listing.classNames, ['agricultural', 'beach']);
  assert.deepEqual(listing.files.map((f) => path.basename(f.path)).slice(0, 2), [
    'agricultural00.tif',
    'agricultural01.tif',
  ]);
  const ds = await loadImageFiles(listing.files, { channels: 3, height: 8, width: 8 }, root);
  assert.deepEqual(ds.shape, [10, 3, 8, 8]);
  assert.deepEqual([...ds.y], [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  assert.equal(ds.ids![9], path.join('beach', 'beach04.tif'));
  // beach04 is a constant 44 image of 8 x 7: resampled it stays constant
  assert.ok(ds.x.subarray(9 * 192).every((v) => v === 44));
});

test('bilinear resampling matches hand-computed values (align_corners=False)', () => {
  // 1 x 2 -> 1 x 4: source centres at 0.25 and 0.75 of the width
  assert.deepEqual([...resizeBilinear(Float32Array.from([0, 8]), 1, 1, 2, 1, 4)], [0, 2, 6, 8]);
});

test(
  'GEO-Bench brick-kiln samples: 13 bands of 64 x 64 and the label 0 read from the pickle text',
  { skip: needsSharedData('satellite/geobench/ccb-test-classification/brick_kiln_v1.0') },
  async () => {
    const dir = path.join(dataDir, 'satellite', 'geobench', 'ccb-test-classification', 'brick_kiln_v1.0');
    const bands = ['02 - Blue', '03 - Green', '04 - Red'];
    const s = await readGeobenchSample(path.join(dir, 'examples_0_9.hdf5'), bands, 'label');
    assert.equal(s.label, 0); // README: all 5 samples have label 0
    assert.deepEqual([s.height, s.width, s.data.length], [64, 64, 3 * 64 * 64]);
    const red = s.data.subarray(2 * 4096);
    assert.ok(Math.min(...red) > 100 && Math.max(...red) < 5000); // raw reflectance-like values
  },
);

test(
  'GEO-Bench Chesapeake samples: 4 bands in [0, 1] and a 256 x 256 mask whose class fractions match the README',
  { skip: needsSharedData('satellite/geobench/ccb-test-segmentation') },
  async () => {
    const file = path.join(
      dataDir,
      'satellite',
      'geobench',
      'ccb-test-segmentation',
      'cvpr_chesapeake_landcover',
      'id_000051.hdf5',
    );
    const s = await readGeobenchSample(file, ['Red', 'Green', 'Blue', 'NearInfrared'], 'mask');
    assert.equal(s.mask!.length, 256 * 256);
    const frac = (k: number) => s.mask!.filter((v) => v === k).length / s.mask!.length;
    [0, 0.044, 0.019, 0.278, 0.642, 0, 0.017].forEach((f, k) =>
      assert.ok(Math.abs(frac(k) - f) < 0.0006, `class ${k}`),
    );
    assert.ok(s.data.every((v) => v >= 0 && v <= 1));
  },
);

test('pickle labels are read as plain data (BININT1, BININT2), and a missing band is named', async () => {
  assert.equal((await readGeobenchSample(fx('geobench-label300.hdf5'), ['B1', 'B2'], 'label')).label, 300);
  const one = await readGeobenchSample(fx('geobench-label1.hdf5'), ['B2', 'B1'], 'label');
  assert.equal(one.label, 1);
  assert.deepEqual([...one.data.subarray(0, 3)], [1000, 1001, 1002]); // bands in the requested order
  const seg = await readGeobenchSample(fx('geobench-seg.hdf5'), ['B1'], 'mask');
  assert.deepEqual([...seg.mask!.subarray(0, 4)], [0, 1, 2, 0]);
  await assert.rejects(readGeobenchSample(fx('geobench-missing-band.hdf5'), ['B1', 'B2'], 'label'), {
    message: `${fx('geobench-missing-band.hdf5')}: no dataset "B2" (datasets: B1)`,
  });
  assert.throws(
    () => readPickleLabel("b'\\x80\\x04}\\x94\\x8c\\x05label\\x94\\x8c\\x03abc\\x94s.'", 'f.hdf5'),
    /f\.hdf5: the "label" in attribute "pickle" is not a plain integer/,
  );
  assert.throws(() => readPickleLabel('cos\nsystem\n', 'f.hdf5'), /not the text of a Python bytes literal/);
});

test('corrupt and unknown image files fail with the file named', async () => {
  const s = scratch();
  const corrupt = s.write('bad.jpg', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3]));
  await assert.rejects(decodeImageFile(corrupt), new RegExp(`^Error: ${corrupt}: corrupt JPEG image`));
  const text = s.write('notes.png', 'hello');
  await assert.rejects(decodeImageFile(text), { message: `${text}: not a JPEG, PNG or TIFF image` });
  await assert.rejects(
    loadImageFiles([{ path: fx('multiband.tif'), label: 0 }], { channels: 3, height: 4, width: 5 }, fixtures),
    /multiband\.tif: image has 6 channels, the task expects 3/,
  );
  const notH5 = s.write('x.hdf5', 'not hdf5');
  await assert.rejects(readGeobenchSample(notH5, ['B1'], 'label'), /x\.hdf5: not a readable HDF5 file/);
  assert.throws(() => listImageFolder(path.join(s.dir, 'nowhere')), /nowhere: image folder not found/);
});

test('standardisation uses the given statistics; population std; constant channels only centred', () => {
  const ds = { x: Float32Array.from([1, 3, 5, 5, 3, 5, 5, 5]), shape: [2, 2, 2], y: new Int32Array(2) };
  const stats = channelStats(ds);
  assert.deepEqual(stats.mean, [3, 5]);
  assert.deepEqual(stats.std, [Math.sqrt(2), 0]);
  assert.deepEqual(
    [...standardize(ds, stats).x].map((v) => +v.toFixed(4)),
    [-1.4142, 0, 0, 0, 0, 1.4142, 0, 0],
  );
});

test('augmentation: quarter turns, flips and continuous rotation agree with hand-made expectations', () => {
  const img = Float32Array.from([1, 2, 3, 4]); // [[1, 2], [3, 4]]
  assert.deepEqual([...rot90(img, 1, 2, 1)], [2, 4, 1, 3]); // numpy.rot90
  assert.deepEqual([...rot90(img, 1, 2, 4)], [1, 2, 3, 4]);
  const big = Float32Array.from(pattern(2, 5, 5));
  const turned = rotateImage(big, 2, 5, 5, 90);
  rot90(big, 2, 5, 1).forEach((v, i) => assert.ok(Math.abs(turned[i] - v) < 1e-4));
  // the same seed gives the same batch; masks follow the pixels
  const batch = {
    x: Float32Array.from(pattern(1, 4, 4).concat(pattern(1, 4, 4))),
    shape: [2, 1, 4, 4],
    mask: Int32Array.from(pattern(1, 4, 4).concat(pattern(1, 4, 4))),
  };
  const opts = { horizontalFlip: true, verticalFlip: true, rotate90: true };
  const a = augmentBatch(batch, opts, createRng(7));
  const b = augmentBatch(batch, opts, createRng(7));
  assert.deepEqual(a, b);
  assert.deepEqual([...a.x], [...a.mask!]);
  assert.deepEqual([...a.x].sort(), [...batch.x].sort()); // a permutation of the pixels
  assert.deepEqual([...batch.x], pattern(1, 4, 4).concat(pattern(1, 4, 4))); // input untouched
  // continuous rotation: the angle is the RNG's first draw mapped to [-90, 90]
  const angle = (createRng(1).next() * 2 - 1) * 90;
  const rotated = augmentBatch(batch, { rotateDegrees: 90, maskFill: -1 }, createRng(1));
  assert.deepEqual([...rotated.x.subarray(0, 16)], [...rotateImage(batch.x.subarray(0, 16), 1, 4, 4, angle)]);
  // at 45 degrees the corners of a 4 x 4 mask come from outside the image
  const diagonal = augmentBatch(
    { x: new Float32Array(16), shape: [1, 1, 4, 4], mask: new Int32Array(16).fill(5) },
    { rotateDegrees: 45 },
    { ...createRng(0), next: () => 1, int: () => 0 },
  );
  assert.deepEqual(
    [diagonal.mask![0], diagonal.mask![3], diagonal.mask![5], diagonal.mask![15]],
    [-1, -1, 5, -1],
  );
  assert.throws(
    () => augmentBatch({ x: new Float32Array(6), shape: [1, 1, 2, 3] }, { rotate90: true }, createRng(0)),
    /rotate90 needs square images, got 2 x 3/,
  );
});

/** A real PNG of width x height 8-bit grey pixels, all zero, deflated row by row (a few hundred KB for 144 MP). */
async function zeroPng(width: number, height: number): Promise<Buffer> {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth; colour type 0 (grey), compression, filter, interlace 0
  const rows: Buffer[] = [];
  const deflater = createDeflate({ level: 9 });
  deflater.on('data', (b: Buffer) => rows.push(b));
  const row = Buffer.alloc(width + 1);
  const done = new Promise((resolve) => deflater.on('end', resolve));
  for (let y = 0; y < height; y++) deflater.write(row);
  deflater.end();
  await done;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.concat(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('a small PNG that declares 12000 x 12000 pixels is refused from its header, before anything is decoded', async () => {
  const s = scratch();
  const bytes = await zeroPng(12000, 12000);
  assert.ok(bytes.length < 1_000_000, `${bytes.length} bytes on disk`);
  const file = s.write('huge.png', bytes);
  const before = process.memoryUsage().rss;
  await assert.rejects(decodeImageFile(file), {
    message: `${file}: the header declares 12000 x 12000 pixels (144.0 MP), more than the 33.6 MP one image may have`,
  });
  assert.ok(
    process.memoryUsage().rss - before < 100 * 2 ** 20,
    'no image-sized allocation (144 MB as bytes, 576 MB as floats)',
  );
});
