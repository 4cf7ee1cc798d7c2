package com.finpulse.model.weights;

import java.util.Arrays;

/**
 * A float32 tensor on the Java heap, row-major. Weights travel in this form between file formats
 * (ONNX, safetensors) and the engine, so that readers and writers need no native library.
 */
public record Tensor(long[] shape, float[] data) {

  public Tensor {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
    }
  }

  public int rank() {
    return shape.length;
  }

  /** Transposes a matrix: ONNX stores Linear weights as [in, out], Hugging Face as [out, in]. */
  public Tensor transpose2d() {
    if (shape.length != 2) {
      throw new IllegalStateException("transpose2d on rank-" + shape.length + " tensor");
    }
    int rows = (int) shape[0];
    int cols = (int) shape[1];
    float[] out = new float[data.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = data[r * cols + c];
      }
    }
    return new Tensor(new long[] {cols, rows}, out);
  }

  public String shapeString() {
    return Arrays.toString(shape);
  }
}
