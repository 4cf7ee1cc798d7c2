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
 * threshold (dynamic, starting at 128 KB) each is a fresh {@code mmap}, zeroed page by page on
 * first touch, then {@code munmap}ed: on CPU that page clearing and the process-wide mmap lock cost
 * a forward lane 10-20% of its time, and more when several lanes run at once ({@code perf} shows
 * {@code clear_page_erms} and {@code exc_page_fault}). With the threshold at glibc's maximum and
 * trimming only beyond {@value #TRIM_THRESHOLD_BYTES} bytes, freed buffers stay in the allocator
 * and the next batch reuses them; resident memory levels off at a few batches' worth ({@code
 * ./finpulse bench model --soak} shows it flat).
 *
 * <p>Does nothing off Linux/glibc (musl has no {@code mallopt}) or when {@code
 * MALLOC_MMAP_THRESHOLD_} is set: the operator's own choice wins.
 */
public final class NativeHeap {

  private static final Logger LOG = LoggerFactory.getLogger(NativeHeap.class);

  private static final int M_TRIM_THRESHOLD = -1;
  private static final int M_MMAP_THRESHOLD = -3;

  /** glibc's largest accepted mmap threshold on 64-bit (HEAP_MAX_SIZE / 2). */
  static final int MMAP_THRESHOLD_BYTES = 32 << 20;

  static final int TRIM_THRESHOLD_BYTES = 256 << 20;

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
