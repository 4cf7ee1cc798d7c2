package com.finpulse.processor.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.common.event.ShadowComparison;
import com.finpulse.common.metrics.MeterNames;
import com.finpulse.processor.metrics.ProcessorMetrics;
import com.finpulse.processor.serving.ServedModel;
import com.finpulse.processor.serving.ShadowSample;
import com.finpulse.processor.serving.ShadowSink;
import com.finpulse.processor.testing.DeterministicClassifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InferenceWorkerTest {

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final ProcessorMetrics metrics = new ProcessorMetrics(registry);
  InferenceWorker worker;

  @AfterEach
  void close() {
    if (worker != null) {
      worker.close();
    }
  }

  static List<ScoringInput> texts(String prefix, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> ScoringInput.text(prefix + " headline " + i))
        .toList();
  }

  static void await(ScoringRequest r) throws InterruptedException {
    assertThat(r.await(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void requestsFromSeveralThreadsQueuedDuringACallBecomeOneCall() throws Exception {
    DeterministicClassifier model = new DeterministicClassifier().gated();
    worker = new InferenceWorker(model, 64, 1 << 20, metrics);
    worker.start();
    ScoringRequest first = worker.submit(texts("first", 3));
    model.awaitCallsStarted(1);
    // While the first call is held inside the model, four "stream threads" hand over batches.
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<java.util.concurrent.Future<ScoringRequest>> later = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      later.add(threads.submit(() -> worker.submit(texts("thread " + thread, 10))));
    }
    List<ScoringRequest> requests = new ArrayList<>();
    for (var f : later) {
      requests.add(f.get(5, TimeUnit.SECONDS));
    }
    threads.shutdown();
    model.release(2);
    await(first);
    for (ScoringRequest r : requests) {
      await(r);
    }
    assertThat(model.callSizes()).containsExactly(3, 40);
    awaitIdle();
    // Every request gets its own texts' predictions back, in order.
    for (ScoringRequest r : requests) {
      List<ScoringOutcome> outcomes = r.outcomes();
      assertThat(outcomes).hasSize(10);
      for (int i = 0; i < 10; i++) {
        assertThat(outcomes.get(i).prediction())
            .isEqualTo(DeterministicClassifier.predict(r.inputs().get(i).text()));
      }
    }
    assertThat(metrics.meanBatchSize()).isEqualTo(21.5);
  }

  @Test
  void aCallNeverExceedsTheBatchSizeOrTheTokenBudget() throws Exception {
    DeterministicClassifier model = new DeterministicClassifier().gated();
    // Budget of 600 padded tokens; a 2000-character text counts 502 tokens.
    worker = new InferenceWorker(model, 8, 600, metrics);
    worker.start();
    ScoringRequest blocker = worker.submit(texts("x", 1));
    model.awaitCallsStarted(1);
    ScoringRequest a = worker.submit(texts("a", 5));
    ScoringRequest b = worker.submit(texts("b", 5)); // 10 > 8: next call
    ScoringRequest longText =
        worker.submit(List.of(ScoringInput.text("y".repeat(2000)))); // 6 x 502 > 600
    model.release(10);
    for (ScoringRequest r : List.of(blocker, a, b, longText)) {
      await(r);
    }
    assertThat(model.callSizes()).containsExactly(1, 5, 5, 1);
  }

  @Test
  void aPoisonousTextFailsAloneAndTheRestOfItsBatchIsScored() throws Exception {
    DeterministicClassifier model = new DeterministicClassifier();
    worker = new InferenceWorker(model, 64, 1 << 20, metrics);
    worker.start();
    List<ScoringInput> batch = new ArrayList<>(texts("ok", 9));
    batch.add(6, ScoringInput.text("bad " + DeterministicClassifier.POISON));
    ScoringRequest r = worker.submit(batch);
    await(r);
    List<ScoringOutcome> outcomes = r.outcomes();
    for (int i = 0; i < batch.size(); i++) {
      if (i == 6) {
        assertThat(outcomes.get(i).prediction()).isNull();
        assertThat(outcomes.get(i).error()).hasMessageContaining("cannot tokenize");
      } else {
        assertThat(outcomes.get(i).prediction()).isNotNull();
      }
    }
    assertThat(model.textsScored()).isGreaterThanOrEqualTo(9);
    assertThat(worker.isFailed()).isFalse();
  }

  @Test
  void aModelThatFailsOnEverythingStopsScoringInsteadOfDeadLetteringArticles() throws Exception {
    DeterministicClassifier model = new DeterministicClassifier();
    worker = new InferenceWorker(model, 64, 1 << 20, metrics);
    worker.start();
    model.breakDown();
    ScoringRequest r = worker.submit(texts("any", 5));
    await(r);
    assertThatThrownBy(r::outcomes)
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("known-good headline");
    assertThat(worker.isFailed()).isTrue();
    ScoringRequest after = worker.submit(texts("later", 1));
    assertThat(after.isDone()).isTrue();
    assertThatThrownBy(after::outcomes).isInstanceOf(ModelUnavailableException.class);
  }

  @Test
  void closingDuringAModelCallIsAStopNotAModelFailure() throws Exception {
    DeterministicClassifier model =
        new DeterministicClassifier().withDelay(Duration.ofSeconds(30), Duration.ZERO);
    worker = new InferenceWorker(model, 64, 1 << 20, metrics);
    worker.start();
    ScoringRequest inFlight = worker.submit(texts("in flight", 3));
    model.awaitCallsStarted(1);
    worker.close();
    await(inFlight);
    assertThatThrownBy(inFlight::outcomes).isInstanceOf(CancellationException.class);
    assertThat(worker.isFailed()).isFalse();
    assertThat(model.callSizes()).isEmpty();
    assertThat(registry.get(MeterNames.PROCESSOR_MODEL_FAILURES).counter().count()).isZero();
  }

  @Test
  void cancelledRequestsAreSkipped() throws Exception {
    DeterministicClassifier model = new DeterministicClassifier().gated();
    worker = new InferenceWorker(model, 64, 1 << 20, metrics);
    worker.start();
    ScoringRequest first = worker.submit(texts("first", 1));
    model.awaitCallsStarted(1);
    ScoringRequest cancelled = worker.submit(texts("gone", 4));
    ScoringRequest kept = worker.submit(texts("kept", 2));
    cancelled.cancel();
    model.release(2);
    await(first);
    await(kept);
    assertThat(model.callSizes()).containsExactly(1, 2);
    awaitIdle();
  }

  @Test
  void aSwapAskedForDuringACallTakesEffectOnTheNextCall() throws Exception {
    DeterministicClassifier first = new DeterministicClassifier().gated();
    DeterministicClassifier second = new DeterministicClassifier();
    ServedModel v2 = ServedModel.version("v2", second);
    worker =
        new InferenceWorker(ServedModel.configured(first), 64, 1 << 20, metrics, ShadowSink.NONE);
    worker.start();
    ScoringRequest running = worker.submit(texts("running", 3));
    first.awaitCallsStarted(1);
    CompletableFuture<Void> swapped = worker.configure(v2, null);
    ScoringRequest queued = worker.submit(texts("queued", 4));
    // The first model's call is still inside the model: the change waits for it.
    assertThat(swapped).isNotDone();
    assertThat(worker.modelId()).isEqualTo(DeterministicClassifier.MODEL_ID);
    first.release(1);
    await(running);
    await(queued);
    swapped.get(10, TimeUnit.SECONDS);
    assertThat(running.outcomes())
        .hasSize(3)
        .allSatisfy(o -> assertThat(o.modelId()).isEqualTo(DeterministicClassifier.MODEL_ID));
    assertThat(queued.outcomes())
        .hasSize(4)
        .allSatisfy(o -> assertThat(o.modelId()).isEqualTo("v2@test"));
    assertThat(first.callSizes()).containsExactly(3);
    assertThat(second.callSizes()).containsExactly(4);
    assertThat(worker.modelId()).isEqualTo("v2@test");
  }

  @Test
  void swapsBackAndForthUnderLoadLoseNoRequestAndScoreNoneTwice() throws Exception {
    DeterministicClassifier a =
        new DeterministicClassifier().withDelay(Duration.ofMillis(2), Duration.ZERO);
    DeterministicClassifier b =
        new DeterministicClassifier().withDelay(Duration.ofMillis(2), Duration.ZERO);
    ServedModel va = ServedModel.version("va", a);
    ServedModel vb = ServedModel.version("vb", b);
    worker = new InferenceWorker(va, 16, 1 << 20, metrics, ShadowSink.NONE);
    worker.start();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<java.util.concurrent.Future<List<ScoringRequest>>> submitted = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int thread = t;
      submitted.add(
          threads.submit(
              () -> {
                List<ScoringRequest> mine = new ArrayList<>();
                for (int i = 0; i < 150; i++) {
                  mine.add(worker.submit(texts("t" + thread + " r" + i, 1 + i % 5)));
                  Thread.sleep(1);
                }
                return mine;
              }));
    }
    for (int swap = 0; swap < 20; swap++) {
      worker.configure(swap % 2 == 0 ? vb : va, null).get(10, TimeUnit.SECONDS);
      Thread.sleep(5);
    }
    int texts = 0;
    java.util.Set<String> modelsSeen = new java.util.HashSet<>();
    for (var f : submitted) {
      for (ScoringRequest r : f.get(30, TimeUnit.SECONDS)) {
        await(r);
        List<ScoringOutcome> outcomes = r.outcomes();
        assertThat(outcomes).hasSize(r.size());
        // One request is answered by one call, hence by one model, named on every outcome.
        String model = outcomes.get(0).modelId();
        assertThat(model).isIn("va@test", "vb@test");
        modelsSeen.add(model);
        for (int i = 0; i < outcomes.size(); i++) {
          assertThat(outcomes.get(i).modelId()).isEqualTo(model);
          assertThat(outcomes.get(i).prediction())
              .isEqualTo(DeterministicClassifier.predict(r.inputs().get(i).text()));
        }
        texts += r.size();
      }
    }
    threads.shutdown();
    assertThat(modelsSeen).containsExactlyInAnyOrder("va@test", "vb@test");
    // Every text went through exactly one model call: none lost, none scored twice.
    assertThat(a.textsScored() + b.textsScored()).isEqualTo(texts);
  }

  @Test
  void theShadowScoresTheSampleAfterTheServingResultsAreHandedBackAndOnlyReportsIt()
      throws Exception {
    DeterministicClassifier serving = new DeterministicClassifier();
    DeterministicClassifier candidate = new DeterministicClassifier().gated();
    List<ShadowComparison> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
    ServedModel served = ServedModel.configured(serving);
    worker = new InferenceWorker(served, 64, 1 << 20, metrics, reported::add);
    worker.configure(served, new InferenceWorker.Shadow(ServedModel.version("v9", candidate), 0.5));
    worker.start();
    List<ScoringInput> inputs =
        IntStream.range(0, 40)
            .mapToObj(i -> new ScoringInput("Acme soars " + i, Map.of(), "id-" + i, "title " + i))
            .toList();
    ScoringRequest r = worker.submit(inputs);
    // The serving model's results are back while the candidate is still held in its call.
    await(r);
    assertThat(r.outcomes())
        .allSatisfy(o -> assertThat(o.modelId()).isEqualTo(DeterministicClassifier.MODEL_ID));
    candidate.awaitCallsStarted(1);
    assertThat(reported).isEmpty();
    candidate.release(1);
    List<String> sample =
        inputs.stream()
            .map(ScoringInput::articleId)
            .filter(id -> ShadowSample.includes(id, 0.5))
            .toList();
    assertThat(sample).isNotEmpty().hasSizeLessThan(40);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (reported.size() < sample.size() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(reported).extracting(ShadowComparison::articleId).containsExactlyElementsOf(sample);
    assertThat(reported)
        .allSatisfy(
            c -> {
              assertThat(c.servingModel()).isEqualTo(DeterministicClassifier.MODEL_ID);
              assertThat(c.candidateModel()).isEqualTo("v9@test");
              assertThat(c.sentimentAgrees()).isTrue();
            });
    assertThat(candidate.callSizes()).containsExactly(sample.size());
    assertThat(serving.callSizes()).containsExactly(40);
  }

  /**
   * The worker counts a batch out only after completing its requests (so that idle means every
   * result was delivered): a woken caller can see it busy for a moment.
   */
  void awaitIdle() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!worker.isIdle() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(worker.isIdle()).isTrue();
  }
}
