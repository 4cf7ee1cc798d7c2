package com.finpulse.model.task;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps glibc from handing PyTorch's activation buffers back to the kernel after every operator.
 *
 * <p>A forward allocates and frees dozens of 0.5-8 MB tensors per layer. Above glibc's mmap
 * threshold each is a fresh {@code mmap}, zeroed page by page on first touch, then {@code
 * munmap}ed: on CPU that page clearing and the process-wide mmap lock cost a forward lane 10-20% of
 * its time, and more when several lanes run at once ({@code perf} shows {@code clear_page_erms} and
 * {@code exc_page_fault}). The threshold is set to glibc's maximum, {@value #MMAP_THRESHOLD_BYTES}
 * bytes, and trimming starts only beyond {@value #TRIM_THRESHOLD_BYTES} bytes, so freed buffers
 * stay in the allocator and the next batch reuses them. Measured with {@code ./finpulse bench model
 * --soak --seconds 60} (bge-small, 2 AMD EPYC cores, the TorchScript forward): 391 batches with
 * resident memory flat at 987 MB, against 343 batches at 938 MB with a 2 MB threshold and 32 MB
 * trim, where perf put 16% of a forward lane's time in the kernel's page fault path (the FFN
 * activations of a 32-headline batch are 2-8 MB).
 *
 * <p>Does nothing off Linux/glibc (musl has no {@code mallopt}) or when {@code
 * MALLOC_MMAP_THRESHOLD_} is set: the operator's own choice wins.
 */
public final class NativeHeap {

  private static final Logger LOG = LoggerFactory.getLogger(NativeHeap.class);

  private static final int M_TRIM_THRESHOLD = -1;
  private static final int M_MMAP_THRESHOLD = -3;

  static final int MMAP_THRESHOLD_BYTES = 32 << 20;

  static final int TRIM_THRESHOLD_BYTES = 128 << 20;

  private static volatile boolean tuned;

  private NativeHeap() {}

  private interface LibC extends Library {
    int mallopt(int param, int value);
  }

  /** Applies the settings once per JVM; true when they are in effect. */
  public static synchronized boolean tuneForInference() {
    if (tuned) {
      return true;
    }
    if (!Platform.isLinux() || System.getenv("MALLOC_MMAP_THRESHOLD_") != null) {
      return false;
    }
    try {
      LibC c = Native.load("c", LibC.class);
      boolean ok =
          c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1
              && c.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES) == 1;
      if (!ok) {
        LOG.info("glibc refused the allocator settings for model inference; running without them");
      }
      tuned = ok;
      return ok;
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      LOG.info("No glibc mallopt here ({}); model inference runs on the default allocator", e);
      return false;
    }
  }
}
