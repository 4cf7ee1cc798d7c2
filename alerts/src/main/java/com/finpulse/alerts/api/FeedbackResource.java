package com.finpulse.alerts.api;

import com.finpulse.alerts.api.auth.Authenticator;
import com.finpulse.alerts.feedback.FeedbackBook;
import com.finpulse.alerts.feedback.FeedbackSink;
import com.finpulse.alerts.history.ArticleReader;
import com.finpulse.common.event.LabelFeedback;
import com.finpulse.common.event.LabelTask;
import com.finpulse.common.text.CsvCell;
import com.finpulse.common.text.LogText;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /feedback}: analysts correct the model (one click in the console), the corrections are
 * listed with the model's agreement, and exported as CSV for training ({@code ./finpulse model
 * train --feedback FILE}). A correction names the article, the task, the label, and the text hash
 * it was shown with; the service adds who, when, the model and what it said.
 */
final class FeedbackResource implements ApiResource {

  private static final Logger LOG = LoggerFactory.getLogger(FeedbackResource.class);

  /** How far back an article may be corrected: as long as {@code news.scored} keeps it. */
  static final Duration LOOKBACK = Duration.ofDays(30);

  private final HistoryReads history;
  private final ModelLoop loop;
  private final Authenticator auth;
  private final Requests requests;
  private final Clock clock;

  FeedbackResource(
      HistoryReads history, ModelLoop loop, Authenticator auth, Requests requests, Clock clock) {
    this.history = history;
    this.loop = loop;
    this.auth = auth;
    this.requests = requests;
    this.clock = clock;
  }

  @Override
  public void register(Routes routes) {
    routes.post("/feedback", Access.SIGNED_IN, this::correct);
    routes.get("/feedback", Access.SIGNED_IN, this::list);
    routes.get("/feedback/export.csv", Access.SIGNED_IN, this::export);
  }

  private void correct(Context ctx) {
    CorrectionRequest r = requests.body(ctx, CorrectionRequest.class);
    Requests.validate(r, "correction");
    FeedbackSink sink = loop.sinkOrRefuse();
    Instant now = clock.instant();
    ArticleReader.Row article =
        history
            .articlesOrRefuse()
            .find(r.articleId(), now.minus(LOOKBACK), now.plusSeconds(1))
            .orElseThrow(
                () ->
                    new ApiException(
                        404, "unknown article id (or older than " + LOOKBACK.toDays() + " days)"));
    if (!article.textHash().equals(r.textHash())) {
      throw new ApiException(
          409, "the article's text is not the one the correction was made on: reload it");
    }
    LabelTask task = r.labelTask();
    String target = task.hasTarget() ? r.target().strip() : "";
    if (task.hasTarget() && !article.tickers().contains(target)) {
      throw new ApiException(
          400,
          "target must be one of the article's tickers: " + String.join(", ", article.tickers()));
    }
    String note = r.note() == null || r.note().isBlank() ? null : r.note().strip();
    LabelFeedback f =
        new LabelFeedback(
            article.articleId(),
            task,
            target,
            r.label(),
            modelLabel(article, task, target),
            article.modelId().isEmpty() ? "unknown" : article.modelId(),
            article.textHash(),
            auth.user(ctx),
            note,
            now);
    try {
      sink.record(f);
    } catch (FeedbackSink.FeedbackUnavailableException e) {
      throw new ApiException(503, e.getMessage());
    }
    LOG.info(
        "Correction by {}: article {} {}{} {} -> {}",
        LogText.escape(f.analyst()),
        f.articleId(),
        task.label(),
        target.isEmpty() ? "" : " toward " + LogText.escape(target),
        f.modelLabel(),
        f.label());
    ctx.status(201).json(f);
  }

  /** What the model said for this task, as stored with the article. */
  static String modelLabel(ArticleReader.Row article, LabelTask task, String target) {
    return switch (task) {
      case SENTIMENT -> article.sentiment().label();
      case TOPIC -> article.topic();
      case ENTITY -> article.tickerSentiment().getOrDefault(target, article.sentiment()).label();
    };
  }

  private void list(Context ctx) {
    FeedbackBook book = loop.bookOrRefuse();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("feedback", book.latest(Requests.limit(ctx)));
    out.put("stats", book.stats());
    ctx.json(out);
  }

  private void export(Context ctx) {
    List<LabelFeedback> all = loop.bookOrRefuse().all();
    Instant now = clock.instant();
    Set<String> ids = all.stream().map(LabelFeedback::articleId).collect(Collectors.toSet());
    Map<String, ArticleReader.Row> texts =
        history.articlesOrRefuse().findAll(ids, now.minus(LOOKBACK), now.plusSeconds(1));
    StringBuilder csv =
        new StringBuilder(String.join(",", LabelFeedback.CSV_COLUMNS)).append("\r\n");
    for (LabelFeedback f : all) {
      ArticleReader.Row a = texts.get(f.articleId());
      // A text that changed since the correction is left out of the row: training drops it.
      String text = a != null && a.textHash().equals(f.textHash()) ? a.title() : "";
      List<String> cells =
          List.of(
              f.articleId(),
              f.task().label(),
              f.target(),
              f.label(),
              f.modelLabel(),
              f.modelId(),
              f.textHash(),
              f.analyst(),
              f.at().toString(),
              f.note() == null ? "" : f.note(),
              text);
      csv.append(cells.stream().map(CsvCell::of).collect(Collectors.joining(","))).append("\r\n");
    }
    ctx.header("Content-Disposition", "attachment; filename=\"finpulse-feedback.csv\"");
    ctx.contentType("text/csv; charset=utf-8").result(csv.toString());
  }
}
