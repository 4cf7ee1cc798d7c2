package com.finpulse.model.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.EngineException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch larger than memory allows is split and retried, not a failed call (CPU-testable). */
class BatchedInferenceSplitTest {

  /** Fails like libtorch on a GPU for any batch of more than {@code fits} texts. */
  private static BatchedInference.BatchRunner gpuThatFits(int fits, List<int[]> done) {
    return (from, to) -> {
      if (to - from > fits) {
        throw new EngineException(
            "CUDA out of memory. Tried to allocate 24.00 GiB. GPU 0 has a total capacity of 139.8"
                + " GiB of which 3.1 GiB is free.",
            new RuntimeException("c10::OutOfMemoryError"));
      }
      done.add(new int[] {from, to});
    };
  }

  @Test
  void anOversizedBatchIsSplitUntilItFitsAndEveryTextRunsOnce() {
    List<int[]> done = new ArrayList<>();
    long before = BatchedInference.outOfMemorySplits();
    BatchedInference.runSplittingOnOutOfMemory(0, 1000, gpuThatFits(100, done));
    int next = 0;
    for (int[] r : done) {
      assertThat(r[0]).isEqualTo(next); // in order, no gap, no overlap
      assertThat(r[1] - r[0]).isBetween(1, 100);
      next = r[1];
    }
    assertThat(next).isEqualTo(1000);
    assertThat(BatchedInference.outOfMemorySplits()).isGreaterThan(before);
  }

  @Test
  void aBatchThatFitsRunsWhole() {
    List<int[]> done = new ArrayList<>();
    BatchedInference.runSplittingOnOutOfMemory(5, 69, gpuThatFits(64, done));
    assertThat(done).hasSize(1);
    assertThat(done.get(0)).containsExactly(5, 69);
  }

  @Test
  void aSingleTextThatDoesNotFitFailsTheCall() {
    assertThatThrownBy(
            () ->
                BatchedInference.runSplittingOnOutOfMemory(0, 8, gpuThatFits(0, new ArrayList<>())))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("out of memory");
  }

  @Test
  void otherFailuresAreNotRetried() {
    int[] calls = {0};
    assertThatThrownBy(
            () ->
                BatchedInference.runSplittingOnOutOfMemory(
                    0,
                    64,
                    (from, to) -> {
                      calls[0]++;
                      throw new EngineException("shape mismatch");
                    }))
        .hasMessage("shape mismatch");
    assertThat(calls[0]).isEqualTo(1);
  }

  @Test
  void recognisesCudaAndCpuAllocatorMessagesInTheCauseChain() {
    assertThat(
            BatchedInference.isOutOfMemory(
                new IllegalStateException(
                    "forward failed",
                    new EngineException("CUDA out of memory. Tried to allocate 2.00 MiB"))))
        .isTrue();
    assertThat(
            BatchedInference.isOutOfMemory(
                new EngineException(
                    "[enforce fail at alloc_cpu.cpp:117] . DefaultCPUAllocator: not enough memory:"
                        + " you tried to allocate 1099511627776 bytes.")))
        .isTrue();
    assertThat(BatchedInference.isOutOfMemory(new EngineException("index out of range"))).isFalse();
  }
}
