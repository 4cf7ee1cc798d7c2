package com.finpulse.common.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * How a long-running command stops: on Ctrl-C (a JVM shutdown hook) or by itself (its service
 * failed, or its work is done). Either way {@code close} runs once. The one run-until-stopped loop
 * of the CLI commands.
 */
public final class StopSignal {

  /** Why {@link #runUntilStopped} returned. */
  public enum Ending {
    /** Ctrl-C: the shutdown hook closed everything. */
    STOPPED,
    /** The service reported itself unhealthy; it has been closed. */
    FAILED
  }

  private final Runnable close;
  private final Thread hook;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();

  private StopSignal(String name, Runnable close) {
    this.close = close;
    this.hook = new Thread(this::closeOnce, name);
  }

  /** Registers {@code close} to run on Ctrl-C; call before starting what it closes. */
  public static StopSignal install(String threadName, Runnable close) {
    StopSignal s = new StopSignal(threadName, close);
    Runtime.getRuntime().addShutdownHook(s.hook);
    return s;
  }

  /** Waits up to {@code timeout} for Ctrl-C; true once everything is closed. */
  public boolean await(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Calls {@code tick} every {@code every} while {@code healthy} holds, until Ctrl-C. A failed
   * service is closed before this returns.
   */
  public Ending runUntilStopped(Duration every, BooleanSupplier healthy, Runnable tick)
      throws InterruptedException {
    while (!await(every)) {
      if (!healthy.getAsBoolean()) {
        closeNow();
        return Ending.FAILED;
      }
      tick.run();
    }
    return Ending.STOPPED;
  }

  /** Closes now, without Ctrl-C, and drops the shutdown hook. Idempotent. */
  public void closeNow() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to: it closes.
    }
    closeOnce();
  }

  private void closeOnce() {
    if (closed.compareAndSet(false, true)) {
      try {
        close.run();
      } finally {
        stopped.countDown();
      }
    }
  }
}
