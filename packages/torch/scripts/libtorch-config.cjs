// Locates libtorch for binding.gyp. LIBTORCH_DIR may point at any libtorch tree (e.g. the `torch` folder
// of a CUDA PyTorch installation: it has include/ and lib/); the default is Debian's libtorch-dev layout.
const fs = require('node:fs');
const path = require('node:path');

const root = process.env.LIBTORCH_DIR;
const what = process.argv[2];

function debian() {
  const multiarch = fs.existsSync('/usr/lib/x86_64-linux-gnu')
    ? '/usr/lib/x86_64-linux-gnu'
    : '/usr/lib/aarch64-linux-gnu';
  return { include: ['/usr/include', '/usr/include/torch/csrc/api/include'], lib: multiarch };
}

function custom(dir) {
  return {
    include: [path.join(dir, 'include'), path.join(dir, 'include/torch/csrc/api/include')],
    lib: path.join(dir, 'lib'),
  };
}

const cfg = root ? custom(root) : debian();
const hasCuda = fs.existsSync(path.join(cfg.lib, 'libtorch_cuda.so'));
// Old pip wheels use the pre-C++11 ABI; TORCH_CXX11_ABI=0 selects it.
const abi = process.env.TORCH_CXX11_ABI ?? '1';

switch (what) {
  case 'include':
    console.log(cfg.include.join(' '));
    break;
  case 'libdir':
    console.log(cfg.lib);
    break;
  case 'libs':
    console.log(
      [
        `-L${cfg.lib}`,
        `-Wl,-rpath,${cfg.lib}`,
        '-Wl,--no-as-needed',
        '-ltorch',
        ...(hasCuda ? ['-ltorch_cuda', '-lc10_cuda'] : []),
        '-ltorch_cpu',
        '-lc10',
        '-Wl,--as-needed',
      ].join(' '),
    );
    break;
  case 'defines':
    console.log([`_GLIBCXX_USE_CXX11_ABI=${abi}`, ...(hasCuda ? ['YS_WITH_CUDA=1'] : [])].join(' '));
    break;
  default:
    console.error('usage: libtorch-config.cjs include|libdir|libs|defines');
    process.exit(2);
}
