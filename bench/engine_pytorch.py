"""PyTorch comparator for bench/engine.mjs: the same models, timed the same way (never a product dependency).

Usage: engine_pytorch.py <case> <threads> <warmup> <steps>; prints one JSON object with per-step milliseconds.
Cases: resnet1d (DASHA genomics 1-D ResNet, batch 128), wrn16_4 (13x64x64, batch 32), xtx (200000x512 float64).
"""
import json
import sys
import time

import torch
from torch import nn
import torch.nn.functional as F


class ResBlock1d(nn.Module):
    def __init__(self, cin, cout, kernels=(8, 5, 3)):
        super().__init__()
        chans = [cin, cout, cout, cout]
        self.convs = nn.ModuleList(nn.Conv1d(chans[i], chans[i + 1], k, padding='same') for i, k in enumerate(kernels))
        self.bns = nn.ModuleList(nn.BatchNorm1d(cout) for _ in kernels)
        self.short_conv = nn.Conv1d(cin, cout, 1)
        self.short_bn = nn.BatchNorm1d(cout)

    def forward(self, x):
        h = x
        for i, (conv, bn) in enumerate(zip(self.convs, self.bns)):
            h = bn(conv(h))
            if i < len(self.convs) - 1:
                h = F.relu(h)
        return F.relu(h + self.short_bn(self.short_conv(x)))


class ResNet1d(nn.Module):
    def __init__(self, cin=5, mid=128, classes=2):
        super().__init__()
        self.blocks = nn.Sequential(ResBlock1d(cin, mid), ResBlock1d(mid, 2 * mid), ResBlock1d(2 * mid, 2 * mid))
        self.fc = nn.Linear(2 * mid, classes)

    def forward(self, x):
        return self.fc(self.blocks(x).mean(-1))


class WideBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(cin)
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, stride=stride, padding=1)
        self.shortcut = nn.Conv2d(cin, cout, 1, stride=stride) if stride != 1 or cin != cout else nn.Identity()

    def forward(self, x):
        h = self.conv1(F.relu(self.bn1(x)))
        h = self.conv2(F.relu(self.bn2(h)))
        return h + self.shortcut(x)


class WideResNet(nn.Module):
    def __init__(self, depth=16, width=4, cin=13, classes=10):
        super().__init__()
        n = (depth - 4) // 6
        widths = [16, 16 * width, 32 * width, 64 * width]
        self.stem = nn.Conv2d(cin, widths[0], 3, padding=1)
        layers = []
        for stage, stride in enumerate((1, 2, 2)):
            for b in range(n):
                layers.append(WideBlock(widths[stage] if b == 0 else widths[stage + 1], widths[stage + 1], stride if b == 0 else 1))
        self.blocks = nn.Sequential(*layers)
        self.bn = nn.BatchNorm2d(widths[3])
        self.fc = nn.Linear(widths[3], classes)

    def forward(self, x):
        h = F.relu(self.bn(self.blocks(self.stem(x))))
        return self.fc(F.adaptive_avg_pool2d(h, 1).flatten(1))


def train_steps(model, x, y, warmup, steps):
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, nesterov=True, weight_decay=5e-4)
    times = []
    for i in range(warmup + steps):
        t0 = time.perf_counter()
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        loss.item()
        if i >= warmup:
            times.append((time.perf_counter() - t0) * 1000)
    return times


def main():
    case, threads, warmup, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    if case == 'resnet1d':
        x, y = torch.randn(128, 5, 300), torch.randint(0, 2, (128,))
        times = train_steps(ResNet1d(), x, y, warmup, steps)
    elif case == 'wrn16_4':
        x, y = torch.randn(32, 13, 64, 64), torch.randint(0, 10, (32,))
        times = train_steps(WideResNet(), x, y, warmup, steps)
    elif case == 'xtx':
        x = torch.randn(200000, 512, dtype=torch.float64)
        times = []
        for i in range(warmup + steps):
            t0 = time.perf_counter()
            x.t().mm(x)
            if i >= warmup:
                times.append((time.perf_counter() - t0) * 1000)
    else:
        raise SystemExit(f'unknown case {case!r}')
    print(json.dumps({'case': case, 'threads': threads, 'ms': times}))


if __name__ == '__main__':
    main()
