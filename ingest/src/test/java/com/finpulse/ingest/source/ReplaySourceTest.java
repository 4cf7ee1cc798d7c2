package com.finpulse.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.event.ArticleIds;
import com.finpulse.common.event.NewsArticle;
import com.finpulse.ingest.config.ReplaySettings;
import com.finpulse.ingest.config.Speed;
import com.finpulse.ingest.dedup.DuplicateKind;
import com.finpulse.ingest.dedup.UrlCanonicalizer;
import com.finpulse.ingest.replay.ReplayFile;
import com.finpulse.ingest.testing.CashtagTickerFinder;
import com.finpulse.ingest.testing.SharedData;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplaySourceTest {

  static final ReplaySettings DEFAULTS =
      new ReplaySettings("replay", new ReplaySettings.Columns(null, null, null, null, null), false);

  final Clock clock = Clock.systemUTC();
  final ArticleAssembler assembler =
      new ArticleAssembler(
          new UrlCanonicalizer(List.of()), new CashtagTickerFinder(), 20_000, clock);

  ReplaySource replay(Path file, ReplaySettings settings, Speed speed, ProgressListener progress) {
    return new ReplaySource(
        file,
        settings,
        speed,
        assembler,
        new IngestMetrics(new SimpleMeterRegistry()),
        clock,
        progress);
  }

  @Test
  void skippedRowsAreCountedForTheSummary(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mixed.csv");
    Files.writeString(
        file,
        "published_at,headline\n"
            + "2024-01-01T00:00:00Z,Oil slumps\n"
            + "yesterday-ish,Bad row\n"
            + "2024-01-01T00:02:00Z,\n"
            + "2024-01-01T00:03:00Z,Gas rises\n");
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    new ReplaySource(
            file, DEFAULTS, Speed.MAX, assembler, new IngestMetrics(meters), clock, (d, n) -> {})
        .run(new RecordingSink());
    assertThat(
            meters
                .find(com.finpulse.common.metrics.MeterNames.INGEST_REPLAY_SKIPPED)
                .counter()
                .count())
        .isEqualTo(2.0);
  }

  @Test
  void benzingaAtMaxSpeedInOrderWithStableIds() throws Exception {
    Path file = SharedData.benzingaByTime();
    AtomicLong lastDone = new AtomicLong();
    AtomicLong total = new AtomicLong();
    RecordingSink first = new RecordingSink();
    long t = System.nanoTime();
    replay(
            file,
            DEFAULTS,
            Speed.MAX,
            (d, n) -> {
              lastDone.set(d);
              total.set(n);
            })
        .run(first);
    double seconds = (System.nanoTime() - t) / 1e9;

    List<ReplaySource.Story> stories =
        ReplaySource.merge(ReplayFile.load(file, DEFAULTS.columns()).rows());
    assertThat(stories.stream().mapToInt(ReplaySource.Story::rows).sum()).isEqualTo(9991);
    assertThat(lastDone.get()).isEqualTo(total.get()).isEqualTo(stories.size());
    long near = first.rejected.stream().filter(v -> v.kind() == DuplicateKind.NEAR).count();
    assertThat(first.published.size() + first.rejected.size()).isEqualTo(stories.size());
    assertThat(first.rejected)
        .allSatisfy(v -> assertThat(v.kind()).isIn(DuplicateKind.NEAR, DuplicateKind.KNOWN));
    for (int i = 1; i < first.published.size(); i++) {
      assertThat(first.published.get(i).publishedAt())
          .isAfterOrEqualTo(first.published.get(i - 1).publishedAt());
    }
    NewsArticle a = first.published.get(0);
    assertThat(a.title()).isEqualTo("Going Against the Herd");
    assertThat(a.url()).isNull();
    assertThat(a.source()).isEqualTo("replay");
    assertThat(a.tickers()).containsExactly("A");
    assertThat(a.id())
        .isEqualTo(
            ArticleIds.fromContent(
                "Going Against the Herd", Instant.parse("2009-04-29T12:48:00Z"), "replay"));
    Set<String> ids = new HashSet<>();
    first.published.forEach(p -> assertThat(ids.add(p.id())).isTrue());
    System.out.printf(
        "Benzinga replay at max: %d rows, %d stories, %d published, %d near-duplicates, %.2fs (%.0f rows/s)%n",
        9991, stories.size(), first.published.size(), near, seconds, 9991 / seconds);

    // A second run, from scratch: the same ids in the same order.
    RecordingSink second = new RecordingSink();
    replay(file, DEFAULTS, Speed.MAX, ProgressListener.NONE).run(second);
    assertThat(second.published)
        .extracting(NewsArticle::id)
        .containsExactlyElementsOf(first.published.stream().map(NewsArticle::id).toList());

    // Replayed again into the same memory (a restart): nothing new.
    int before = first.published.size();
    replay(file, DEFAULTS, Speed.MAX, ProgressListener.NONE).run(first);
    assertThat(first.published).hasSize(before);
  }

  @Test
  void rowsOfOneHeadlineAtOneInstantBecomeOneArticle(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("multi.csv");
    Files.writeString(
        file,
        "date,title,stock\n"
            + "2020-06-05 10:30:00-04:00,Stocks That Hit 52-Week Highs On Friday,A\n"
            + "2020-06-05 10:30:00-04:00,Other story at the same minute,AA\n"
            + "2020-06-05 10:30:00-04:00,Stocks That Hit 52-Week Highs On Friday,AAPL\n");
    RecordingSink sink = new RecordingSink();
    replay(file, DEFAULTS, Speed.MAX, ProgressListener.NONE).run(sink);
    assertThat(sink.published).hasSize(2);
    assertThat(sink.published.get(0).tickers()).containsExactly("A", "AAPL");
  }

  @Test
  void speedPacesTheRows(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("paced.csv");
    Files.writeString(
        file,
        "timestamp,headline\n"
            + "2024-01-01T00:00:00Z,First headline of the paced replay test\n"
            + "2024-01-01T00:00:02Z,Second headline of the paced replay test\n"
            + "2024-01-01T00:00:04Z,Third headline of the paced replay test\n");
    RecordingSink sink = new RecordingSink();
    long t = System.nanoTime();
    replay(file, DEFAULTS, Speed.parse("4"), ProgressListener.NONE).run(sink);
    Duration took = Duration.ofNanos(System.nanoTime() - t);
    assertThat(sink.published).hasSize(3);
    // 4 seconds of timestamps at 4x: about one second.
    assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(3000));
  }

  @Test
  void shiftToNowMovesTheTimelineButNotTheIds(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("old.csv");
    Files.writeString(
        file,
        "timestamp,headline\n"
            + "2010-01-01T00:00:00Z,Old headline number one from the archive\n"
            + "2010-01-01T01:00:00Z,Old headline number two from the archive\n");
    RecordingSink shifted = new RecordingSink();
    Instant start = Instant.now();
    replay(
            file,
            new ReplaySettings("replay", DEFAULTS.columns(), true),
            Speed.MAX,
            ProgressListener.NONE)
        .run(shifted);
    assertThat(shifted.published.get(1).publishedAt())
        .isBetween(start.minusSeconds(5), Instant.now());
    assertThat(
            Duration.between(
                shifted.published.get(0).publishedAt(), shifted.published.get(1).publishedAt()))
        .isEqualTo(Duration.ofHours(1));
    RecordingSink plain = new RecordingSink();
    replay(file, DEFAULTS, Speed.MAX, ProgressListener.NONE).run(plain);
    assertThat(plain.published.get(0).publishedAt())
        .isEqualTo(Instant.parse("2010-01-01T00:00:00Z"));
    assertThat(shifted.published)
        .extracting(NewsArticle::id)
        .containsExactlyElementsOf(plain.published.stream().map(NewsArticle::id).toList());
  }

  @Test
  void aFileThatCannotBeReplayedFailsTheSource(@TempDir Path dir) throws Exception {
    Path noColumns = dir.resolve("no-columns.csv");
    Files.writeString(noColumns, "a,b\n1,2\n");
    RecordingSink sink = new RecordingSink();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> replay(noColumns, DEFAULTS, Speed.MAX, ProgressListener.NONE).run(sink))
        .isInstanceOf(SourceFailedException.class)
        .hasMessageContaining("no timestamp column");
    assertThat(sink.published).isEmpty();
  }
}
