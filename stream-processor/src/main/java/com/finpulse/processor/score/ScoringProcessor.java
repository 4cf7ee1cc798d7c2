package com.finpulse.processor.score;

import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.serde.SchemaException;
import com.finpulse.processor.config.ScoringSettings;
import com.finpulse.processor.deadletter.DeadLetters;
import com.finpulse.processor.intake.AdmittedArticle;
import com.finpulse.processor.intake.ArticleDeduplicator;
import com.finpulse.processor.metrics.ProcessorMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micro-batches a task's articles through the shared {@link InferenceWorker} and publishes the
 * scored articles, exactly once.
 *
 * <h2>Flow</h2>
 *
 * <ol>
 *   <li>{@link #process} appends the article to the task's <b>buffer store</b> (a changelogged
 *       key-value store keyed by a per-task sequence number) and returns. When the not yet
 *       submitted part of the buffer reaches {@code max_batch_size} it is handed to the worker at
 *       once.
 *   <li>A wall-clock punctuation every {@value #RESULT_POLL_MILLIS} ms publishes every finished
 *       batch and hands over a partial batch when the model's next call still has room (so the
 *       model never idles while articles wait; under load the queue is full and batches grow to the
 *       maximum) or, at the latest, when its oldest article has waited {@code max_delay}.
 *   <li>Publishing happens here, on the stream thread that owns the task: each scored article is
 *       forwarded to news.scored and deleted from the buffer. Both writes belong to the task's
 *       current transaction, together with the input offsets.
 * </ol>
 *
 * The model runs on the worker's thread, so a slow model never holds the stream thread past {@code
 * max.poll.interval.ms}. The only wait on the stream thread is back-pressure: with {@code
 * max_buffered} articles held, {@link #process} waits at most {@code backpressure_wait} for the
 * oldest batch before reading on, which paces consumption to the model without holding a
 * transaction open for long.
 *
 * <h2>Why exactly once holds</h2>
 *
 * Under {@code exactly_once_v2} a commit atomically covers the input offsets, the buffer's
 * changelog and the output records. Consider the cases:
 *
 * <ul>
 *   <li><b>Crash after buffering, before the commit</b>: the transaction aborts; the input offset
 *       was not committed, so the article is read again and buffered again. Nothing is lost.
 *   <li><b>Crash after the commit, while the batch is in the model</b>: the buffer (restored from
 *       its changelog) still holds the article; {@link #init} submits every buffered article again.
 *       Nothing is lost; the model may score it twice, publishing happens once.
 *   <li><b>Crash after forwarding, before the commit</b>: the output records and the buffer delete
 *       abort together; read_committed consumers never see them; the restored buffer still holds
 *       the article and it is scored and published again, in a transaction that commits. One copy
 *       is visible.
 *   <li><b>Rebalance</b>: Kafka Streams commits the task, then {@link #close}s this processor,
 *       which cancels its in-flight requests; a result that arrives later is discarded (it could
 *       not be published in the owner's transaction anyway). The new owner, on any thread or
 *       instance, finds the articles in the buffer it restored (or kept as a standby) and submits
 *       them again. A fenced zombie cannot commit what it publishes.
 * </ul>
 *
 * A failed outcome (the model cannot score that one text) dead-letters the original record in the
 * same transaction and forgets its id in the dedup store, so the dead letter can be replayed.
 */
public final class ScoringProcessor implements Processor<String, AdmittedArticle, Object, Object> {

  private static final Logger LOG = LoggerFactory.getLogger(ScoringProcessor.class);
  static final long RESULT_POLL_MILLIS = 10;

  private final ScoringSettings settings;
  private final InferenceWorker worker;
  private final ProcessorMetrics metrics;
  private final String bufferStoreName;
  private final String dedupStoreName;
  private final String scoredChild;
  private final String deadLetterChild;

  private ProcessorContext<Object, Object> context;
  private KeyValueStore<Long, BufferedArticle> buffer;
  private WindowStore<String, Long> dedup;
  private String task;
  private long nextSeq;
  private long submittedUpTo;
  private int buffered;
  private int unsubmitted;
  private long oldestUnsubmittedAt;
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();

  /** A batch handed to the worker: the buffer entries and the request answering for them. */
  private record InFlight(List<Pending> items, ScoringRequest request) {}

  private record Pending(long seq, BufferedArticle buffered, NewsArticle article) {}

  public ScoringProcessor(
      ScoringSettings settings,
      InferenceWorker worker,
      ProcessorMetrics metrics,
      String bufferStoreName,
      String dedupStoreName,
      String scoredChild,
      String deadLetterChild) {
    this.settings = settings;
    this.worker = worker;
    this.metrics = metrics;
    this.bufferStoreName = bufferStoreName;
    this.dedupStoreName = dedupStoreName;
    this.scoredChild = scoredChild;
    this.deadLetterChild = deadLetterChild;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    this.buffer = context.getStateStore(bufferStoreName);
    this.dedup = context.getStateStore(dedupStoreName);
    this.task = context.taskId().toString();
    // Kafka Streams may re-initialise a processor after closing it (task revival): start clean.
    inFlight.clear();
    buffered = 0;
    long last = -1;
    try (KeyValueIterator<Long, BufferedArticle> it = buffer.all()) {
      while (it.hasNext()) {
        last = it.next().key;
        buffered++;
      }
    }
    nextSeq = last + 1;
    submittedUpTo = -1;
    unsubmitted = buffered;
    // Articles restored with the buffer waited already: they go to the model at the first tick.
    oldestUnsubmittedAt = 0;
    if (buffered > 0) {
      LOG.info(
          "Task {}: {} articles in the scoring buffer from before a restart or rebalance go to"
              + " the model again",
          task,
          buffered);
    }
    metrics.buffered(task, buffered);
    context.schedule(
        Duration.ofMillis(RESULT_POLL_MILLIS), PunctuationType.WALL_CLOCK_TIME, this::tick);
  }

  @Override
  public void process(Record<String, AdmittedArticle> record) {
    AdmittedArticle a = record.value();
    buffer.put(
        nextSeq++, new BufferedArticle(record.timestamp(), a.origin(), a.rawKey(), a.rawValue()));
    buffered++;
    if (unsubmitted++ == 0) {
      oldestUnsubmittedAt = context.currentSystemTimeMs();
    }
    if (unsubmitted >= settings.maxBatchSize()) {
      submitBuffered();
    }
    publishFinished();
    if (buffered >= settings.maxBuffered()) {
      waitForModel();
    }
    metrics.buffered(task, buffered);
  }

  private void tick(long now) {
    publishFinished();
    if (unsubmitted > 0
        && (worker.hasRoom() || now - oldestUnsubmittedAt >= settings.maxDelay().toMillis())) {
      submitBuffered();
    }
    metrics.buffered(task, buffered);
  }

  /** Back-pressure: wait (briefly) for the oldest batch, then publish what finished. */
  private void waitForModel() {
    if (inFlight.isEmpty()) {
      submitBuffered();
      if (inFlight.isEmpty()) {
        return;
      }
    }
    long started = System.nanoTime();
    try {
      inFlight.peekFirst().request().await(settings.backpressureWait());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    metrics.backpressureWait(System.nanoTime() - started);
    publishFinished();
  }

  /** Hands every not yet submitted buffer entry to the worker, in batches that fit its limits. */
  private void submitBuffered() {
    List<Pending> batch = new ArrayList<>();
    int longest = 0;
    List<Long> unreadable = new ArrayList<>();
    try (KeyValueIterator<Long, BufferedArticle> it =
        buffer.range(submittedUpTo + 1, Long.MAX_VALUE)) {
      while (it.hasNext()) {
        KeyValue<Long, BufferedArticle> kv = it.next();
        submittedUpTo = kv.key;
        NewsArticle article;
        try {
          article = EventSerdes.newsArticle().read(kv.value.rawValue());
        } catch (SchemaException e) {
          // Validated before it was buffered: only a schema change across an upgrade gets here.
          deadLetter(kv.value, e);
          unreadable.add(kv.key);
          continue;
        }
        int tokens = TokenEstimate.of(article.textForModel());
        int newLongest = Math.max(longest, tokens);
        if (!batch.isEmpty()
            && (batch.size() >= settings.maxBatchSize()
                || TokenEstimate.cost(batch.size() + 1, newLongest) > settings.tokenBudget())) {
          submit(batch);
          batch = new ArrayList<>();
          newLongest = tokens;
        }
        batch.add(new Pending(kv.key, kv.value, article));
        longest = newLongest;
      }
    }
    if (!batch.isEmpty()) {
      submit(batch);
    }
    for (Long seq : unreadable) {
      buffer.delete(seq);
      buffered--;
    }
    unsubmitted = 0;
  }

  private void submit(List<Pending> batch) {
    List<ScoringInput> inputs = new ArrayList<>(batch.size());
    batch.forEach(p -> inputs.add(ScoringInput.of(p.article())));
    inFlight.addLast(new InFlight(List.copyOf(batch), worker.submit(inputs)));
  }

  /** Publishes finished batches in submission order, so a task's output keeps its input order. */
  private void publishFinished() {
    while (!inFlight.isEmpty() && inFlight.peekFirst().request().isDone()) {
      InFlight done = inFlight.pollFirst();
      List<ScoringOutcome> outcomes = done.request().outcomes();
      Instant scoredAt = Instant.ofEpochMilli(context.currentSystemTimeMs());
      for (int i = 0; i < done.items().size(); i++) {
        Pending p = done.items().get(i);
        ScoringOutcome outcome = outcomes.get(i);
        if (outcome.prediction() != null) {
          publish(p, outcome, scoredAt);
        } else {
          deadLetter(p.buffered(), outcome.error());
          ArticleDeduplicator.forget(
              dedup, p.article().id(), p.article().fetchedAt().toEpochMilli());
        }
        buffer.delete(p.seq());
        buffered--;
      }
    }
  }

  private void publish(Pending p, ScoringOutcome outcome, Instant scoredAt) {
    ScoredArticle scored =
        ScoredArticles.of(
            p.article(),
            outcome.prediction(),
            outcome.tickerSentiment(),
            outcome.modelId(),
            scoredAt);
    context.forward(
        new Record<>(p.article().id(), scored, p.buffered().timestamp(), new RecordHeaders()),
        scoredChild);
    metrics.scored();
  }

  private void deadLetter(BufferedArticle b, RuntimeException error) {
    LOG.warn("Dead-lettering {} ({}): {}", b.origin(), DeadLetters.STAGE_SCORE, error.toString());
    metrics.deadLetter(DeadLetters.STAGE_SCORE);
    context.forward(
        DeadLetters.record(
            b.rawKey(),
            b.rawValue(),
            b.timestamp(),
            DeadLetters.headers(
                null,
                DeadLetters.STAGE_SCORE,
                String.valueOf(error.getMessage()),
                error.getClass().getName(),
                b.origin(),
                b.rawKey(),
                b.rawValue())),
        deadLetterChild);
  }

  @Override
  public void close() {
    // Results of these requests could only be published in this task's transaction, which is
    // over: the articles stay in the buffer for whoever owns the task next.
    inFlight.forEach(f -> f.request().cancel());
    inFlight.clear();
    if (task != null) {
      metrics.buffered(task, -1);
    }
  }
}
