package com.finpulse.processor.score;

import com.finpulse.common.event.SentimentScores;
import com.finpulse.common.event.ShadowComparison;
import com.finpulse.model.serve.Classifier;
import com.finpulse.model.serve.Prediction;
import com.finpulse.model.text.TargetedText;
import com.finpulse.processor.metrics.ProcessorMetrics;
import com.finpulse.processor.serving.ServedModel;
import com.finpulse.processor.serving.ShadowSample;
import com.finpulse.processor.serving.ShadowSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
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
 *
 * <p>Model versions: {@link #configure} hands the worker another serving model (and a shadow
 * candidate); the worker takes it up <em>between</em> model calls, at the top of its loop, never
 * inside one. Every call reads the set-up once and uses that one model throughout (its halving and
 * canary included), and each outcome names the model that produced it. The queue and the requests
 * are untouched by a change, and each request is completed by exactly one call, so a change loses
 * no article and scores none twice. The shadow candidate scores the sampled articles of a call
 * after the serving model's results are handed back; the next serving call waits for it (at most
 * the candidate's own call), and its verdicts go only to the {@link ShadowSink}.
 */
public final class InferenceWorker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InferenceWorker.class);

  /** The candidate that scores a sample of articles beside the serving model. */
  public record Shadow(ServedModel candidate, double share) {}

  /** What the worker scores with: the serving model and an optional shadow candidate. */
  public record Setup(ServedModel serving, @Nullable Shadow shadow) {}

  private record PendingSetup(Setup setup, CompletableFuture<Void> applied) {}

  /** The texts of one call and their outcomes, in order. */
  private record Scored(List<ScoringInput> inputs, List<ScoringOutcome> outcomes) {}

  private final int maxBatchSize;
  private final int tokenBudget;
  private final ProcessorMetrics metrics;
  private final LinkedBlockingDeque<ScoringRequest> queue = new LinkedBlockingDeque<>();
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicInteger queued = new AtomicInteger();
  private final Thread thread;
  private final ShadowSink shadowSink;
  private final AtomicReference<PendingSetup> pending = new AtomicReference<>();
  private volatile Setup setup;
  private volatile boolean closed;
  private volatile ModelUnavailableException failure;

  /** A worker that scores with {@code classifier} alone (the configured model, no shadow). */
  public InferenceWorker(
      Classifier classifier, int maxBatchSize, int tokenBudget, ProcessorMetrics metrics) {
    this(ServedModel.configured(classifier), maxBatchSize, tokenBudget, metrics, ShadowSink.NONE);
  }

  public InferenceWorker(
      ServedModel serving,
      int maxBatchSize,
      int tokenBudget,
      ProcessorMetrics metrics,
      ShadowSink shadowSink) {
    this.setup = new Setup(serving, null);
    this.maxBatchSize = maxBatchSize;
    this.tokenBudget = tokenBudget;
    this.metrics = metrics;
    this.shadowSink = shadowSink;
    this.thread = new Thread(this::run, "finpulse-inference");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** The id of the serving model (the one the next call uses once a pending change is taken up). */
  public String modelId() {
    return setup.serving().modelId();
  }

  /** The serving model and shadow candidate in use now. */
  public Setup setup() {
    return setup;
  }

  /**
   * Scores with {@code serving} (and {@code shadow}, or none) from the next model call on. The
   * returned future completes once the worker has taken the change up: from then on no call uses a
   * model outside the new set-up, so the caller may close the models it replaced. One change at a
   * time: a change not yet taken up when the next one comes is dropped (its future fails with a
   * {@link CancellationException}).
   */
  public CompletableFuture<Void> configure(ServedModel serving, @Nullable Shadow shadow) {
    PendingSetup next = new PendingSetup(new Setup(serving, shadow), new CompletableFuture<>());
    PendingSetup dropped = pending.getAndSet(next);
    if (dropped != null) {
      dropped.applied().completeExceptionally(new CancellationException("superseded"));
    }
    if (closed || !thread.isAlive()) {
      applyPending(); // no loop runs (not started, or closed): nothing is inside a call
    }
    return next.applied();
  }

  /** Takes up a pending change; only between model calls (the worker thread, or no thread). */
  private void applyPending() {
    PendingSetup p = pending.getAndSet(null);
    if (p != null) {
      setup = p.setup();
      p.applied().complete(null);
    }
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
      applyPending();
      ScoringRequest first;
      try {
        first = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        break;
      }
      if (first == null) {
        continue;
      }
      applyPending(); // a change asked for while the worker waited applies to this call
      Setup current = setup;
      queued.addAndGet(-first.size());
      List<ScoringRequest> batch = coalesce(first);
      int taken = batch.stream().mapToInt(ScoringRequest::size).sum();
      Scored scored = null;
      try {
        scored = score(batch, current.serving());
      } catch (Throwable t) { // an Error from native code must not leave tasks waiting forever
        if (closed) {
          // close() interrupted the call: a stop, not a model failure
          CancellationException stop = new CancellationException("inference worker closed");
          batch.forEach(r -> r.fail(stop));
          break;
        }
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
      if (scored != null && current.shadow() != null) {
        shadow(scored, current.serving(), current.shadow());
      }
    }
    applyPending();
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

  private @Nullable Scored score(List<ScoringRequest> batch, ServedModel model) {
    List<ScoringRequest> live = batch.stream().filter(r -> !r.isCancelled()).toList();
    if (live.isEmpty()) {
      return null;
    }
    List<ScoringInput> texts = new ArrayList<>();
    live.forEach(r -> texts.addAll(r.inputs()));
    List<ScoringOutcome> outcomes = classifyOrIsolate(texts, model);
    int from = 0;
    for (ScoringRequest r : live) {
      r.complete(List.copyOf(outcomes.subList(from, from + r.size())));
      from += r.size();
    }
    return new Scored(texts, outcomes);
  }

  /**
   * The candidate's verdict on the sampled articles of a call the serving model has answered. Its
   * failure is counted and logged and changes nothing else.
   */
  private void shadow(Scored scored, ServedModel serving, Shadow shadow) {
    List<Integer> sampled = new ArrayList<>();
    for (int i = 0; i < scored.inputs().size(); i++) {
      if (scored.outcomes().get(i).prediction() != null
          && ShadowSample.includes(scored.inputs().get(i).articleId(), shadow.share())) {
        sampled.add(i);
      }
    }
    if (sampled.isEmpty()) {
      return;
    }
    ServedModel candidate = shadow.candidate();
    long started = System.nanoTime();
    List<Prediction> predictions;
    try {
      predictions =
          candidate
              .classifier()
              .classify(sampled.stream().map(i -> scored.inputs().get(i).text()).toList());
      if (predictions == null
          || predictions.size() != sampled.size()
          || predictions.contains(null)) {
        throw new IllegalStateException("the candidate returned no prediction for every text");
      }
    } catch (RuntimeException e) {
      metrics.shadowFailure();
      LOG.warn(
          "The shadow candidate {} failed on {} sampled articles ({}); they have no comparison."
              + " Serving is not affected; stop the shadow if this repeats.",
          candidate.modelId(),
          sampled.size(),
          e.toString());
      return;
    }
    metrics.shadowCall(System.nanoTime() - started);
    Instant at = Instant.now();
    for (int k = 0; k < sampled.size(); k++) {
      ScoringInput in = scored.inputs().get(sampled.get(k));
      Prediction s = scored.outcomes().get(sampled.get(k)).prediction();
      Prediction c = predictions.get(k);
      ShadowComparison comparison =
          new ShadowComparison(
              in.articleId(),
              in.title(),
              serving.modelId(),
              s.sentiment(),
              s.topic(),
              candidate.modelId(),
              c.sentiment(),
              c.topic(),
              at);
      metrics.shadowComparison(comparison.sentimentAgrees(), comparison.topicAgrees());
      shadowSink.publish(comparison);
    }
  }

  private List<ScoringOutcome> classifyOrIsolate(List<ScoringInput> texts, ServedModel model) {
    try {
      return classify(texts, model);
    } catch (RuntimeException e) {
      if (closed) {
        throw e; // interrupted by close(): nothing to isolate
      }
      metrics.modelFailure();
      if (!canaryScores(model.classifier())) {
        throw new ModelUnavailableException(
            "the model fails on every input, a known-good headline included (" + e + ")", e);
      }
      LOG.warn(
          "A model call on {} texts failed ({}); splitting it to isolate the text that fails",
          texts.size(),
          e.toString());
      return isolate(texts, model);
    }
  }

  /** Halves a failing batch until each failing text is alone; the others are scored normally. */
  private List<ScoringOutcome> isolate(List<ScoringInput> texts, ServedModel model) {
    if (texts.size() == 1) {
      try {
        return classify(texts, model);
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
        out.addAll(classify(half, model));
      } catch (RuntimeException e) {
        metrics.modelFailure();
        out.addAll(isolate(half, model));
      }
    }
    return out;
  }

  private List<ScoringOutcome> classify(List<ScoringInput> inputs, ServedModel model) {
    long started = System.nanoTime();
    List<String> texts = inputs.stream().map(ScoringInput::text).toList();
    List<Prediction> predictions = model.classifier().classify(texts);
    if (predictions == null || predictions.size() != texts.size()) {
      throw new IllegalStateException(
          "the model returned "
              + (predictions == null ? "null" : predictions.size() + " predictions")
              + " for "
              + texts.size()
              + " texts");
    }
    List<Map<String, SentimentScores>> perTicker = tickerSentiment(inputs, model.classifier());
    metrics.modelCall(texts.size(), System.nanoTime() - started);
    List<ScoringOutcome> out = new ArrayList<>(predictions.size());
    for (int i = 0; i < predictions.size(); i++) {
      Prediction p = predictions.get(i);
      if (p == null) {
        throw new IllegalStateException("the model returned a null prediction");
      }
      out.add(ScoringOutcome.of(p, perTicker.get(i), model.modelId()));
    }
    return out;
  }

  /**
   * The sentiment toward each ticker of each input, in one model call for all (text, ticker) pairs;
   * empty maps when the model has no entity head (the trends then use the article's).
   */
  private List<Map<String, SentimentScores>> tickerSentiment(
      List<ScoringInput> inputs, Classifier classifier) {
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

  private static boolean canaryScores(Classifier classifier) {
    try {
      List<Prediction> p = classifier.classify(List.of(ServedModel.CANARY));
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
    if (!thread.isAlive()) {
      applyPending();
    }
  }
}
