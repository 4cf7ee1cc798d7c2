package com.finpulse.ingest.source;

import com.finpulse.common.event.NewsArticle;
import com.finpulse.ingest.config.ReplaySettings;
import com.finpulse.ingest.config.Speed;
import com.finpulse.ingest.dedup.Deduplicator;
import com.finpulse.ingest.feed.FeedItem;
import com.finpulse.ingest.replay.ReplayException;
import com.finpulse.ingest.replay.ReplayFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code replay:FILE}: a file's rows re-emitted in timestamp order, at {@code speed} times the pace
 * of their timestamps or as fast as possible. Rows of one headline at one instant (a story tagged
 * with several tickers, one row per ticker) become one article listing every ticker. A row without
 * a URL gets an id from its headline and timestamp, so a second replay of the file yields the same
 * ids and, dedup remembering them, sends nothing twice; rows already sent are skipped without
 * waiting for their turn.
 */
public final class ReplaySource implements NewsSource {

  private static final Logger LOG = LoggerFactory.getLogger(ReplaySource.class);

  private final Path file;
  private final ReplaySettings settings;
  private final Speed speed;
  private final ArticleAssembler assembler;
  private final IngestMetrics metrics;
  private final Clock clock;
  private final ProgressListener progress;

  public ReplaySource(
      Path file,
      ReplaySettings settings,
      Speed speed,
      ArticleAssembler assembler,
      IngestMetrics metrics,
      Clock clock,
      ProgressListener progress) {
    this.file = file;
    this.settings = settings;
    this.speed = speed;
    this.assembler = assembler;
    this.metrics = metrics;
    this.clock = clock;
    this.progress = progress;
  }

  @Override
  public String name() {
    return settings.sourceName();
  }

  @Override
  public boolean isFinite() {
    return true;
  }

  /** One article's worth of rows. */
  record Story(
      Instant published, String title, String body, List<String> tickers, String url, int rows) {}

  @Override
  public void run(ArticleSink sink) throws InterruptedException {
    ReplayFile.Loaded loaded;
    try {
      loaded = ReplayFile.load(file, settings.columns());
    } catch (ReplayException | IOException e) {
      metrics.error(name(), com.finpulse.ingest.fetch.FailureKind.PARSE);
      throw new SourceFailedException("replay of " + file + " cannot start: " + e.getMessage(), e);
    }
    if (loaded.skipped() > 0) {
      for (int i = 0; i < loaded.skipped(); i++) {
        metrics.error(name(), com.finpulse.ingest.fetch.FailureKind.PARSE);
      }
      metrics.replaySkipped(name(), loaded.skipped());
      LOG.warn(
          "Replay {}: {} row(s) skipped as unreadable, e.g. {}; the other rows are replayed",
          file,
          loaded.skipped(),
          loaded.problems());
    }
    List<Story> stories = merge(loaded.rows());
    if (stories.isEmpty()) {
      LOG.warn("Replay {}: no rows to replay", file);
      return;
    }
    Duration shift = Duration.ZERO;
    if (settings.shiftToNow()) {
      Instant first = stories.get(0).published();
      Instant last = stories.get(stories.size() - 1).published();
      Instant lastLands = clock.instant().plus(speed.realTime(Duration.between(first, last)));
      shift = Duration.between(last, lastLands);
    }
    LOG.info(
        "Replaying {} article(s) from {} row(s) of {} ({}), {} to {}, speed {}{}",
        stories.size(),
        loaded.rows().size(),
        file,
        loaded.columns(),
        stories.get(0).published(),
        stories.get(stories.size() - 1).published(),
        speed,
        shift.isZero() ? "" : ", timestamps shifted by " + shift);
    Pacer pacer = new Pacer(speed);
    long done = 0;
    progress.progress(0, stories.size());
    for (Story s : stories) {
      // The id comes from the recorded timestamp, not the shifted one: a second replay of the
      // file must recognise its rows.
      Optional<ArticleAssembler.Assembled> a =
          assembler.fromItem(
              new FeedItem(
                  s.title(), s.url(), s.published(), s.body(), null, null, s.tickers(), null, null),
              name(),
              List.of(),
              null,
              "replay");
      if (a.isPresent()) {
        NewsArticle article = a.get().article();
        Deduplicator.Verdict known = sink.checkLink(article.id(), name());
        if (!known.isNew()) {
          sink.skipped(name(), known);
        } else {
          pacer.awaitTurn(s.published());
          if (!shift.isZero()) {
            Instant shifted = s.published().plus(shift);
            Instant now = clock.instant();
            article = withPublished(article, shifted.isAfter(now) ? now : shifted);
          }
          sink.offer(article, a.get().aliases());
        }
      }
      progress.progress(++done, stories.size());
    }
    LOG.info("Replay of {} finished: {} article(s) offered", file, done);
  }

  /** Rows with one headline (and URL) at one instant become one story with all their tickers. */
  static List<Story> merge(List<ReplayFile.Row> rows) {
    List<Story> out = new ArrayList<>();
    int i = 0;
    while (i < rows.size()) {
      Instant at = rows.get(i).published();
      java.util.Map<List<Object>, List<ReplayFile.Row>> sameInstant =
          new java.util.LinkedHashMap<>();
      int j = i;
      while (j < rows.size() && rows.get(j).published().equals(at)) {
        ReplayFile.Row r = rows.get(j);
        sameInstant
            .computeIfAbsent(java.util.Arrays.asList(r.title(), r.url()), k -> new ArrayList<>())
            .add(r);
        j++;
      }
      for (List<ReplayFile.Row> group : sameInstant.values()) {
        ReplayFile.Row first = group.get(0);
        Set<String> tickers = new LinkedHashSet<>();
        String body = null;
        for (ReplayFile.Row r : group) {
          tickers.addAll(r.tickers());
          body = body != null ? body : r.body();
        }
        out.add(
            new Story(at, first.title(), body, List.copyOf(tickers), first.url(), group.size()));
      }
      i = j;
    }
    return out;
  }

  private static NewsArticle withPublished(NewsArticle a, Instant published) {
    return new NewsArticle(
        a.id(),
        a.source(),
        a.url(),
        a.title(),
        a.body(),
        published,
        a.fetchedAt(),
        a.language(),
        a.tickers(),
        a.author(),
        a.fingerprint());
  }
}
