package com.finpulse.processor.testing;

import com.finpulse.common.event.SentimentScores;
import com.finpulse.model.serve.Classifier;
import com.finpulse.model.serve.Prediction;
import com.finpulse.model.text.TargetedText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A classifier double for tests: the same text always gets the same prediction, chosen by words a
 * reader can see in the test data. "plunge", "slump", "misses", ... make a text negative; "soar",
 * "beats", "record", ... positive; anything else neutral; probabilities vary a little with the
 * text, so means are not trivial. A text containing {@value #POISON} makes a call fail.
 */
public final class DeterministicClassifier implements Classifier {

  public static final String POISON = "POISON";
  public static final String MODEL_ID = "deterministic-double@test";
  public static final List<String> TOPICS = List.of("earnings", "m&a", "macro", "general");

  private static final List<String> NEGATIVE =
      List.of("plunge", "slump", "misses", "cuts", "falls", "loss", "downgrade", "bearish");
  private static final List<String> POSITIVE =
      List.of("soar", "beats", "surge", "upgrade", "record", "bullish", "gains");

  private final List<Integer> callSizes = new CopyOnWriteArrayList<>();
  private final AtomicInteger textsScored = new AtomicInteger();
  private final AtomicInteger callsStarted = new AtomicInteger();
  private volatile Duration delay = Duration.ZERO;
  private volatile Duration delayPerText = Duration.ZERO;
  private volatile boolean broken;
  private volatile Semaphore gate;
  private volatile IntConsumer onCallStart = n -> {};
  private volatile IntConsumer onCallEnd = n -> {};

  /** Each call sleeps this long plus {@code perText} per text: a model that takes time. */
  public DeterministicClassifier withDelay(Duration perCall, Duration perText) {
    this.delay = perCall;
    this.delayPerText = perText;
    return this;
  }

  /** Calls block until {@link #release} lets them through: for tests of coalescing. */
  public DeterministicClassifier gated() {
    this.gate = new Semaphore(0);
    return this;
  }

  public void release(int calls) {
    gate.release(calls);
  }

  /** Every call fails, a known-good text included: a broken model. */
  public void breakDown() {
    broken = true;
  }

  /** Called with the call's size when a call starts and when it ends. */
  public DeterministicClassifier onCall(IntConsumer start, IntConsumer end) {
    this.onCallStart = start;
    this.onCallEnd = end;
    return this;
  }

  public List<Integer> callSizes() {
    return List.copyOf(callSizes);
  }

  /** Waits until {@code n} calls have entered the model (a gated call counts once it waits). */
  public void awaitCallsStarted(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (callsStarted.get() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "only " + callsStarted.get() + " of " + n + " model calls started");
      }
      Thread.sleep(1);
    }
  }

  public int textsScored() {
    return textsScored.get();
  }

  @Override
  public List<Prediction> classify(List<String> texts) {
    callsStarted.incrementAndGet();
    onCallStart.accept(texts.size());
    try {
      Semaphore g = gate;
      if (g != null) {
        g.acquireUninterruptibly();
      }
      long sleep = delay.toMillis() + delayPerText.toMillis() * texts.size();
      if (sleep > 0) {
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      if (broken) {
        throw new IllegalStateException("device lost");
      }
      for (String t : texts) {
        if (t.contains(POISON)) {
          throw new IllegalArgumentException("cannot tokenize a text in this batch");
        }
      }
      callSizes.add(texts.size());
      textsScored.addAndGet(texts.size());
      List<Prediction> out = new ArrayList<>(texts.size());
      for (String t : texts) {
        out.add(predict(t));
      }
      return out;
    } finally {
      onCallEnd.accept(texts.size());
    }
  }

  /** The prediction for one text: what tests recompute their expectations with. */
  public static Prediction predict(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    double wobble = Math.floorMod(text.hashCode(), 100) / 1000.0; // 0 .. 0.099
    SentimentScores s;
    if (NEGATIVE.stream().anyMatch(lower::contains)) {
      s = new SentimentScores(0.80 - wobble, 0.15 + wobble / 2, 0.05 + wobble / 2);
    } else if (POSITIVE.stream().anyMatch(lower::contains)) {
      s = new SentimentScores(0.05 + wobble / 2, 0.15 + wobble / 2, 0.80 - wobble);
    } else {
      s = new SentimentScores(0.10 + wobble / 2, 0.80 - wobble, 0.10 + wobble / 2);
    }
    String topic;
    if (lower.contains("earnings") || lower.contains("profit") || lower.contains("revenue")) {
      topic = "earnings";
    } else if (lower.contains("merger") || lower.contains("acquire") || lower.contains("deal")) {
      topic = "m&a";
    } else if (lower.contains("fed ") || lower.contains("rates") || lower.contains("inflation")) {
      topic = "macro";
    } else {
      topic = "general";
    }
    Map<String, Double> probs = new LinkedHashMap<>();
    for (String t : TOPICS) {
      probs.put(t, t.equals(topic) ? 0.7 : 0.1);
    }
    return new Prediction(s, topic, probs);
  }

  /**
   * Toward a target: the verdict on the clause (split at "while", "but", ";") that names it, or on
   * the whole text when no clause does.
   */
  @Override
  public List<SentimentScores> classifyTargets(List<TargetedText> items) {
    List<SentimentScores> out = new ArrayList<>(items.size());
    for (TargetedText item : items) {
      String clause = item.text();
      for (String part : item.text().split("\\bwhile\\b|\\bbut\\b|;")) {
        String lower = part.toLowerCase(Locale.ROOT);
        if (item.names().stream().anyMatch(n -> lower.contains(n.toLowerCase(Locale.ROOT)))) {
          clause = part;
          break;
        }
      }
      out.add(predict(clause).sentimentScores());
    }
    return out;
  }

  @Override
  public boolean targeted() {
    return true;
  }

  @Override
  public boolean onGpu() {
    return false;
  }

  @Override
  public String modelId() {
    return MODEL_ID;
  }

  @Override
  public List<String> topicLabels() {
    return TOPICS;
  }

  @Override
  public void close() {}
}
