package com.finpulse.model.task;

import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that run the batches of one call side by side on CPU, each forward with its own small
 * share of the cores. For a small encoder on short texts this beats one forward at a time over all
 * cores: PyTorch's per-operator fork/join costs as much as the small operators save, and a thread
 * preempted by the rest of the service stalls only its own lane instead of every operator's
 * barrier. The share is engine-global in PyTorch, so a JVM should hold one set of lanes.
 */
public final class ForwardLanes implements AutoCloseable {

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final int lanes;
  private final ExecutorService pool;

  /**
   * @param lanes forwards that run at the same time (at least 2; one lane needs no pool)
   * @param threadsPerLane PyTorch intra-op threads of each forward
   */
  public ForwardLanes(int lanes, int threadsPerLane) {
    if (lanes < 2 || threadsPerLane < 1) {
      throw new IllegalArgumentException(
          "lanes must be >= 2 and threads per lane >= 1, got " + lanes + "/" + threadsPerLane);
    }
    this.lanes = lanes;
    JniUtils.setNumThreads(threadsPerLane);
    int id = POOLS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            lanes,
            r -> {
              Thread t =
                  new Thread(
                      () -> {
                        // OpenMP keeps the thread count per thread: set it on each lane.
                        JniUtils.setNumThreads(threadsPerLane);
                        r.run();
                      },
                      "finpulse-model-lane-" + id + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  public int lanes() {
    return lanes;
  }

  /**
   * Runs every task, at most {@link #lanes()} at a time, in list order; rethrows the first error.
   */
  public void runAll(List<Runnable> tasks) {
    List<Future<?>> futures = new ArrayList<>(tasks.size());
    for (Runnable t : tasks) {
      futures.add(pool.submit(t));
    }
    RuntimeException failure = null;
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof RuntimeException re
                  ? re
                  : new IllegalStateException("model forward failed", e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(x -> x.cancel(true));
        throw new IllegalStateException("interrupted while the model ran", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
