package com.finpulse.processor.score;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Articles one task hands to the {@link InferenceWorker}, and the outcomes it gets back. The worker
 * completes it on its own thread; the task reads it on its stream thread.
 */
public final class ScoringRequest {

  private final List<ScoringInput> inputs;
  private final int longestTokens;
  private final CompletableFuture<List<ScoringOutcome>> result = new CompletableFuture<>();
  private volatile boolean cancelled;

  ScoringRequest(List<ScoringInput> inputs) {
    this.inputs = List.copyOf(inputs);
    int longest = 0;
    for (ScoringInput in : this.inputs) {
      longest = Math.max(longest, TokenEstimate.of(in.text()));
    }
    this.longestTokens = longest;
  }

  List<ScoringInput> inputs() {
    return inputs;
  }

  int size() {
    return inputs.size();
  }

  int longestTokens() {
    return longestTokens;
  }

  void complete(List<ScoringOutcome> outcomes) {
    result.complete(outcomes);
  }

  void fail(Throwable t) {
    result.completeExceptionally(t);
  }

  public boolean isDone() {
    return result.isDone();
  }

  /** The task that asked no longer wants the answer (it was closed or moved). */
  public void cancel() {
    cancelled = true;
    result.completeExceptionally(new CancellationException("task closed"));
  }

  boolean isCancelled() {
    return cancelled;
  }

  /** Waits up to {@code timeout} for the outcomes; false when they are not there yet. */
  public boolean await(Duration timeout) throws InterruptedException {
    try {
      result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException | CancellationException e) {
      return true;
    }
  }

  /**
   * The outcomes, one per text, in order. Call only once {@link #isDone()}.
   *
   * @throws ModelUnavailableException when the worker gave up on the model
   */
  public List<ScoringOutcome> outcomes() {
    try {
      return result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ModelUnavailableException m) {
        throw m;
      }
      throw new ModelUnavailableException("inference worker failed: " + e.getCause(), e.getCause());
    }
  }
}
