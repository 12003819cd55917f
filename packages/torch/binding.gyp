{
  "targets": [
    {
      "target_name": "yardstick_torch",
      "sources": [
        "src/native/addon.cc",
        "src/native/tensor.cc",
        "src/native/ops_tensor.cc",
        "src/native/ops_nn.cc",
        "src/native/ops_nn_pool.cc",
        "src/native/ops_nn_loss.cc",
        "src/native/ops_linalg.cc",
        "src/native/ops_shape.cc",
        "src/native/ops_reduce.cc"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")", "<!@(node scripts/libtorch-config.cjs include)"],
      "defines": ["NAPI_CPP_EXCEPTIONS", "NAPI_VERSION=8", "<!@(node scripts/libtorch-config.cjs defines)"],
      "cflags!": ["-fno-rtti", "-fno-exceptions"],
      "cflags_cc!": ["-fno-rtti", "-fno-exceptions"],
      "cflags_cc": ["-std=gnu++17", "-frtti", "-fexceptions", "-O2", "-Wno-unused-parameter", "-Wno-deprecated-declarations"],
      "libraries": ["<!@(node scripts/libtorch-config.cjs libs)"]
    }
  ]
}
