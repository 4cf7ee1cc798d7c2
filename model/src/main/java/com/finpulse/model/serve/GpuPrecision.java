package com.finpulse.model.serve;

import ai.djl.ndarray.types.DataType;

/**
 * The encoder's precision on a GPU (on CPU it is always float32, the fastest there). No bfloat16:
 * DJL 0.32's PyTorch JNI maps only nine data types to libtorch's, and casting to bfloat16 aborts
 * the process (std::terminate from a bare {@code throw;}), on the GPU as on the CPU.
 */
public enum GpuPrecision {
  /** Half precision: the default; matches fp32 labels on 99.96-100% of headlines on an H200. */
  FLOAT16,
  /** Full precision: twice the memory traffic, for comparison. */
  FLOAT32;

  DataType dataType() {
    return switch (this) {
      case FLOAT16 -> DataType.FLOAT16;
      case FLOAT32 -> DataType.FLOAT32;
    };
  }

  /** {@code fp16} or {@code fp32} (also {@code float16}, {@code float32}, any case). */
  public static GpuPrecision parse(String s) {
    return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "fp16", "float16", "half" -> FLOAT16;
      case "bf16", "bfloat16" ->
          throw new IllegalArgumentException(
              "bf16 is not available: DJL 0.32's PyTorch JNI cannot cast to bfloat16; use fp16");
      case "fp32", "float32", "float" -> FLOAT32;
      default ->
          throw new IllegalArgumentException("GPU precision must be fp16 or fp32, got '" + s + "'");
    };
  }
}
