package com.finpulse.processor.score;

import com.finpulse.common.event.SentimentScores;
import com.finpulse.model.serve.Classifier;
import com.finpulse.model.serve.Prediction;
import com.finpulse.model.text.TargetedText;
import com.finpulse.processor.metrics.ProcessorMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread of a processor instance that calls the model. Every task of every stream thread
 * hands its batches here ({@link #submit}); while a call runs, new hand-overs queue up, and the
 * next call takes as many queued requests as fit in {@code maxBatchSize} articles and {@code
 * tokenBudget} padded tokens. Four threads' small batches thus become one large call: what a GPU
 * wants, and on a CPU it keeps the model's intra-op threads from being oversubscribed by several
 * concurrent calls.
 *
 * <p>The worker never touches Kafka or a state store: it only turns texts into predictions and
 * completes the {@link ScoringRequest}. Publishing the results is the task's job, on its own stream
 * thread, inside its own transaction (see {@link ScoringProcessor}).
 *
 * <p>Failures: a failing call is split in halves until the text that fails is alone; that text gets
 * a failed outcome (its task dead-letters it) and the rest of the batch is scored. If the model
 * also fails on a known-good text, it is the model that is broken, not an article: every request
 * fails with {@link ModelUnavailableException} and nothing is dead-lettered.
 */
public final class InferenceWorker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InferenceWorker.class);

  /** A plain headline any working model scores: tells a broken model from a poisonous text. */
  static final String CANARY = "Stocks were little changed in early trading on Tuesday.";

  private final Classifier classifier;
  private final int maxBatchSize;
  private final int tokenBudget;
  private final ProcessorMetrics metrics;
  private final LinkedBlockingDeque<ScoringRequest> queue = new LinkedBlockingDeque<>();
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicInteger queued = new AtomicInteger();
  private final Thread thread;
  private final String modelId;
  private volatile boolean closed;
  private volatile ModelUnavailableException failure;

  public InferenceWorker(
      Classifier classifier, int maxBatchSize, int tokenBudget, ProcessorMetrics metrics) {
    this.classifier = classifier;
    this.maxBatchSize = maxBatchSize;
    this.tokenBudget = tokenBudget;
    this.metrics = metrics;
    this.modelId = classifier.modelId();
    this.thread = new Thread(this::run, "finpulse-inference");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  public String modelId() {
    return modelId;
  }

  /** Queues articles for scoring; the request completes on the worker thread. */
  public ScoringRequest submit(List<ScoringInput> inputs) {
    ScoringRequest request = new ScoringRequest(inputs);
    ModelUnavailableException failed = failure;
    if (failed != null || closed) {
      request.fail(
          failed != null ? failed : new CancellationException("inference worker is closed"));
      return request;
    }
    outstanding.addAndGet(request.size());
    queued.addAndGet(request.size());
    queue.add(request);
    return request;
  }

  /**
   * True when the next model call still has room: fewer than {@code maxBatchSize} articles wait in
   * the queue. A task then hands over a partial batch at once instead of waiting for its delay, so
   * the model never idles while articles wait, and batches grow by themselves under load.
   */
  public boolean hasRoom() {
    return queued.get() < maxBatchSize;
  }

  /** Articles handed over and waiting for a model call (not those inside the running call). */
  public int queuedArticles() {
    return queued.get();
  }

  /** True when no submitted article is waiting for or inside a model call. */
  public boolean isIdle() {
    return outstanding.get() == 0;
  }

  public boolean isFailed() {
    return failure != null;
  }

  private void run() {
    while (!closed) {
      ScoringRequest first;
      try {
        first = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        break;
      }
      if (first == null) {
        continue;
      }
      queued.addAndGet(-first.size());
      List<ScoringRequest> batch = coalesce(first);
      int taken = batch.stream().mapToInt(ScoringRequest::size).sum();
      try {
        score(batch);
      } catch (Throwable t) { // an Error from native code must not leave tasks waiting forever
        ModelUnavailableException e =
            t instanceof ModelUnavailableException m
                ? m
                : new ModelUnavailableException("the model call crashed: " + t, t);
        failure = e;
        LOG.error(
            "Scoring stopped: {}. Buffered articles stay committed and are scored after a"
                + " restart; fix the model or device and restart the processor.",
            e.getMessage(),
            t);
        batch.forEach(r -> r.fail(e));
        failQueued(e);
      } finally {
        outstanding.addAndGet(-taken);
      }
    }
  }

  /** The first request plus the queued ones that still fit, in queue order (fair across tasks). */
  private List<ScoringRequest> coalesce(ScoringRequest first) {
    List<ScoringRequest> batch = new ArrayList<>();
    batch.add(first);
    int articles = first.size();
    int longest = first.longestTokens();
    ScoringRequest next;
    while ((next = queue.peek()) != null) {
      if (next.isCancelled()) {
        queue.poll();
        queued.addAndGet(-next.size());
        outstanding.addAndGet(-next.size());
        continue;
      }
      int n = articles + next.size();
      int l = Math.max(longest, next.longestTokens());
      if (n > maxBatchSize || TokenEstimate.cost(n, l) > tokenBudget) {
        break;
      }
      batch.add(queue.poll());
      queued.addAndGet(-next.size());
      articles = n;
      longest = l;
    }
    return batch;
  }

  private void score(List<ScoringRequest> batch) {
    List<ScoringRequest> live = batch.stream().filter(r -> !r.isCancelled()).toList();
    if (live.isEmpty()) {
      return;
    }
    List<ScoringInput> texts = new ArrayList<>();
    live.forEach(r -> texts.addAll(r.inputs()));
    List<ScoringOutcome> outcomes = classifyOrIsolate(texts);
    int from = 0;
    for (ScoringRequest r : live) {
      r.complete(List.copyOf(outcomes.subList(from, from + r.size())));
      from += r.size();
    }
  }

  private List<ScoringOutcome> classifyOrIsolate(List<ScoringInput> texts) {
    try {
      return classify(texts);
    } catch (RuntimeException e) {
      metrics.modelFailure();
      if (!canaryScores()) {
        throw new ModelUnavailableException(
            "the model fails on every input, a known-good headline included (" + e + ")", e);
      }
      LOG.warn(
          "A model call on {} texts failed ({}); splitting it to isolate the text that fails",
          texts.size(),
          e.toString());
      return isolate(texts);
    }
  }

  /** Halves a failing batch until each failing text is alone; the others are scored normally. */
  private List<ScoringOutcome> isolate(List<ScoringInput> texts) {
    if (texts.size() == 1) {
      try {
        return classify(texts);
      } catch (RuntimeException e) {
        metrics.modelFailure();
        LOG.warn(
            "The model cannot score one text ({}); its article goes to news.dlq", e.toString());
        return List.of(ScoringOutcome.failed(e));
      }
    }
    int mid = texts.size() / 2;
    List<ScoringOutcome> out = new ArrayList<>(texts.size());
    for (List<ScoringInput> half :
        List.of(texts.subList(0, mid), texts.subList(mid, texts.size()))) {
      try {
        out.addAll(classify(half));
      } catch (RuntimeException e) {
        metrics.modelFailure();
        out.addAll(isolate(half));
      }
    }
    return out;
  }

  private List<ScoringOutcome> classify(List<ScoringInput> inputs) {
    long started = System.nanoTime();
    List<String> texts = inputs.stream().map(ScoringInput::text).toList();
    List<Prediction> predictions = classifier.classify(texts);
    if (predictions == null || predictions.size() != texts.size()) {
      throw new IllegalStateException(
          "the model returned "
              + (predictions == null ? "null" : predictions.size() + " predictions")
              + " for "
              + texts.size()
              + " texts");
    }
    List<Map<String, SentimentScores>> perTicker = tickerSentiment(inputs);
    metrics.modelCall(texts.size(), System.nanoTime() - started);
    List<ScoringOutcome> out = new ArrayList<>(predictions.size());
    for (int i = 0; i < predictions.size(); i++) {
      Prediction p = predictions.get(i);
      if (p == null) {
        throw new IllegalStateException("the model returned a null prediction");
      }
      out.add(ScoringOutcome.of(p, perTicker.get(i)));
    }
    return out;
  }

  /**
   * The sentiment toward each ticker of each input, in one model call for all (text, ticker) pairs;
   * empty maps when the model has no entity head (the trends then use the article's).
   */
  private List<Map<String, SentimentScores>> tickerSentiment(List<ScoringInput> inputs) {
    List<Map<String, SentimentScores>> out = new ArrayList<>(inputs.size());
    List<TargetedText> pairs = new ArrayList<>();
    boolean targeted = classifier.targeted();
    for (ScoringInput in : inputs) {
      out.add(new LinkedHashMap<>());
      if (targeted) {
        in.tickerNames().values().forEach(names -> pairs.add(new TargetedText(in.text(), names)));
      }
    }
    if (pairs.isEmpty()) {
      return out;
    }
    List<SentimentScores> scores = classifier.classifyTargets(pairs);
    if (scores == null || scores.size() != pairs.size()) {
      throw new IllegalStateException(
          "the model returned "
              + (scores == null ? "null" : scores.size() + " target scores")
              + " for "
              + pairs.size()
              + " (text, ticker) pairs");
    }
    int k = 0;
    for (int i = 0; i < inputs.size(); i++) {
      for (String ticker : inputs.get(i).tickerNames().keySet()) {
        out.get(i).put(ticker, scores.get(k++));
      }
    }
    return out;
  }

  private boolean canaryScores() {
    try {
      List<Prediction> p = classifier.classify(List.of(CANARY));
      return p != null && p.size() == 1 && p.get(0) != null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void failQueued(Throwable t) {
    ScoringRequest r;
    while ((r = queue.poll()) != null) {
      queued.addAndGet(-r.size());
      outstanding.addAndGet(-r.size());
      r.fail(t);
    }
  }

  /** Stops the worker; requests still queued fail with a cancellation (their tasks are closed). */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("The inference worker is still inside a model call after 30 s; leaving it");
    }
    failQueued(new CancellationException("inference worker closed"));
  }
}
