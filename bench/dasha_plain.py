"""The plain PyTorch recipe DASHA is measured against (bench/dasha-plain.ts): what a user writes without any
tuning, given the same wall time, machine and splits. A standard network (WRN-10-2 for images, the 1-D
ResNet baseline at width 64 for DNA), SGD with Nesterov momentum 0.9, lr 0.1, weight decay 5e-4, cosine
decay over the epochs that fit (estimated from the first epoch's time), random flips for images, PyTorch's
default thread count, and the last epoch's model scored on test. A comparator, never a product dependency.

usage: python3 bench/dasha_plain.py DATA_DIR SECONDS SEED   (DATA_DIR as written by dasha-plain.ts)
prints one JSON object: {"test_score", "epochs", "train_seconds", "threads", "network"}, and writes its test
predictions to <dir>/plain_pred.i32
"""
import json
import math
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def load(d, name, meta):
    x = np.fromfile(f"{d}/{name}_x.f32", dtype=np.float32).reshape([-1] + meta["sample_shape"])
    y = np.fromfile(f"{d}/{name}_y.i32", dtype=np.int32).astype(np.int64)
    return torch.from_numpy(x), torch.from_numpy(y)


class Block(nn.Module):  # pre-activation wide-resnet basic block
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.bn1, self.conv1 = nn.BatchNorm2d(cin), nn.Conv2d(cin, cout, 3, 1, 1)
        self.bn2, self.conv2 = nn.BatchNorm2d(cout), nn.Conv2d(cout, cout, 3, stride, 1)
        self.short = None if cin == cout and stride == 1 else nn.Conv2d(cin, cout, 1, stride)

    def forward(self, x):
        o = self.conv1(F.relu(self.bn1(x)))
        o = self.conv2(F.relu(self.bn2(o)))
        return o + (x if self.short is None else self.short(x))


class WRN(nn.Module):
    def __init__(self, cin, classes, depth=10, widen=2):
        super().__init__()
        n = (depth - 4) // 6
        w = [16, 16 * widen, 32 * widen, 64 * widen]
        self.stem = nn.Conv2d(cin, 16, 3, 1, 1)
        layers = []
        for s in range(3):
            for b in range(n):
                layers.append(Block(w[s] if b == 0 else w[s + 1], w[s + 1], 2 if b == 0 and s > 0 else 1))
        self.body = nn.Sequential(*layers)
        self.bn, self.fc = nn.BatchNorm2d(w[3]), nn.Linear(w[3], classes)

    def forward(self, x):
        o = F.relu(self.bn(self.body(self.stem(x))))
        return self.fc(o.mean((2, 3)))


class ResNet1d(nn.Module):  # the 1-D "ResNet baseline" (Wang et al. 2017), kernels 8/5/3, same padding
    def __init__(self, cin, classes, m=64):
        super().__init__()
        chans = [cin, m, 2 * m, 2 * m]
        self.blocks = nn.ModuleList()
        for i in range(3):
            a, b = chans[i], chans[i + 1]
            convs = nn.Sequential(
                nn.Conv1d(a, b, 8, padding="same"), nn.BatchNorm1d(b), nn.ReLU(),
                nn.Conv1d(b, b, 5, padding="same"), nn.BatchNorm1d(b), nn.ReLU(),
                nn.Conv1d(b, b, 3, padding="same"), nn.BatchNorm1d(b),
            )
            short = nn.Identity() if a == b else nn.Sequential(nn.Conv1d(a, b, 1), nn.BatchNorm1d(b))
            self.blocks.append(nn.ModuleList([convs, short]))
        self.fc = nn.Linear(2 * m, classes)

    def forward(self, x):
        for convs, short in self.blocks:
            x = F.relu(convs(x) + short(x))
        return self.fc(x.mean(2))


def mcc(y, p, k):
    c = np.zeros((k, k))
    np.add.at(c, (y, p), 1)
    t, pk, n, s = c.sum(1), c.sum(0), np.trace(c), c.sum()
    den = math.sqrt(s * s - (pk * pk).sum()) * math.sqrt(s * s - (t * t).sum())
    return 0.0 if den == 0 else (n * s - (pk * t).sum()) / den


def main():
    d, seconds, seed = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    meta = json.load(open(f"{d}/meta.json"))
    torch.manual_seed(seed)
    xtr, ytr = load(d, "train", meta)
    xte, yte = load(d, "test", meta)
    image = len(meta["sample_shape"]) == 3
    k = meta["num_classes"]
    model = WRN(meta["sample_shape"][0], k) if image else ResNet1d(meta["sample_shape"][0], k)
    bs = 64 if image else 128
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True, weight_decay=5e-4)
    n = len(ytr)
    steps_per_epoch = n // bs
    t0 = time.time()
    epochs, epoch, step = None, 0, 0
    while True:
        model.train()
        perm = torch.randperm(n)
        for i in range(steps_per_epoch):
            idx = perm[i * bs:(i + 1) * bs]
            x, y = xtr[idx], ytr[idx]
            if image:  # random horizontal and vertical flips, per sample
                fh = torch.rand(len(idx)) < 0.5
                fv = torch.rand(len(idx)) < 0.5
                x = torch.where(fh[:, None, None, None], x.flip(3), x)
                x = torch.where(fv[:, None, None, None], x.flip(2), x)
            if epochs is not None:
                for g in opt.param_groups:
                    g["lr"] = 0.1 * 0.5 * (1 + math.cos(math.pi * min(1.0, step / (epochs * steps_per_epoch))))
            loss = F.cross_entropy(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
        epoch += 1
        if epochs is None:  # epochs that fit, from the first epoch's time; the cosine runs over them
            epochs = max(1, int(seconds / (time.time() - t0)))
        if epoch >= epochs or time.time() - t0 > seconds:
            break
    train_seconds = time.time() - t0
    model.eval()
    with torch.no_grad():
        pred = torch.cat([model(xte[i:i + 256]).argmax(1) for i in range(0, len(yte), 256)]).numpy()
    pred.astype(np.int32).tofile(f"{d}/plain_pred.i32")  # for the paired bootstrap against ours
    y = yte.numpy()
    score = float((pred == y).mean()) if meta["metric"] == "accuracy" else mcc(y, pred, k)
    net = "wrn-10-2" if image else "resnet1d-64"
    print(json.dumps({"test_score": score, "epochs": epoch, "train_seconds": train_seconds, "threads": torch.get_num_threads(), "network": net}))


if __name__ == "__main__":
    main()
