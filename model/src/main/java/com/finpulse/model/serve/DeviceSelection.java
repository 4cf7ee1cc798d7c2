package com.finpulse.model.serve;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Picks the device and precision. A GPU is used when DJL sees one (the {@code gpu} Maven profile
 * puts the CUDA natives ahead of the CPU ones); float16 or bfloat16 only on a GPU.
 */
final class DeviceSelection {

  private DeviceSelection() {}

  static Device select(ClassifierOptions options) {
    if (options.cpuThreads() > 0) {
      // Read by the engine at start-up; set directly too in case it already started.
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(options.cpuThreads()));
      Engine.getInstance();
      JniUtils.setNumThreads(options.cpuThreads());
    }
    int gpus = Engine.getInstance().getGpuCount();
    return switch (options.device()) {
      case "cpu" -> Device.cpu();
      case "gpu" -> {
        if (gpus == 0) {
          throw new IllegalStateException(
              "device gpu requested but PyTorch sees no GPU: build with -Pgpu (CUDA 12.4 natives)"
                  + " and check the NVIDIA driver (>= 12.4)");
        }
        yield Device.gpu();
      }
      default -> gpus > 0 ? Device.gpu() : Device.cpu();
    };
  }

  static DataType precision(Device device, ClassifierOptions options) {
    return device.isGpu() ? options.gpuPrecision().dataType() : DataType.FLOAT32;
  }
}
