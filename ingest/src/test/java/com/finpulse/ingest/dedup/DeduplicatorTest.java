package com.finpulse.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.event.ArticleIds;
import com.finpulse.common.event.ContentFingerprint;
import com.finpulse.common.event.NewsArticle;
import com.finpulse.ingest.testing.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeduplicatorTest {

  static final Instant T0 = Instant.parse("2024-06-07T12:00:00Z");
  final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  final UrlCanonicalizer urls = new UrlCanonicalizer(List.of());

  NewsArticle article(String source, String url, String title, String body, Instant published) {
    String id = ArticleIds.fromCanonicalUrl(urls.canonicalize(url).orElseThrow().identity());
    return new NewsArticle(
        id,
        source,
        url,
        title,
        body,
        published,
        published.isAfter(T0) ? published : T0,
        "en",
        List.of(),
        null,
        ContentFingerprint.of(title, body));
  }

  @Test
  void theSameStoryFromTwoSourcesIsOneArticle() {
    Deduplicator d = new Deduplicator(TestSettings.dedup(), null, clock);
    String title = "Oil prices surge above $100 a barrel for the first time in almost four years";
    String lead =
        "The jump was a sign of growing concern that the war will take a toll on supplies.";
    NewsArticle nyt =
        article("nyt", "https://www.nytimes.com/2026/03/08/oil.html", title, lead, T0);
    NewsArticle sameUrl =
        article(
            "google",
            "http://www.nytimes.com/2026/03/08/oil.html?utm_source=google#top",
            title,
            null,
            T0);
    NewsArticle syndicated =
        article(
            "wire",
            "https://wire.example/markets/oil-100",
            title + ".",
            "Oil rose above $100 on Sunday.",
            T0.plusSeconds(3600));
    assertThat(d.claim(nyt, List.of()).kind()).isEqualTo(DuplicateKind.NEW);
    Deduplicator.Verdict exact = d.claim(sameUrl, List.of());
    assertThat(exact.kind()).isEqualTo(DuplicateKind.EXACT);
    assertThat(exact.originalSource()).isEqualTo("nyt");
    Deduplicator.Verdict near = d.claim(syndicated, List.of());
    assertThat(near.kind()).as("same headline, other lead and URL").isEqualTo(DuplicateKind.NEAR);
    assertThat(near.originalId()).isEqualTo(nyt.id());
    assertThat(d.claim(nyt, List.of()).kind())
        .as("the source lists it again")
        .isEqualTo(DuplicateKind.KNOWN);
  }

  @Test
  void nearDuplicatesOnlyWithinTheWindow() {
    Deduplicator d = new Deduplicator(TestSettings.dedup(), null, clock);
    String title = "Stocks That Hit 52-Week Highs On Friday morning trading";
    assertThat(d.claim(article("a", "https://a.example/1", title, null, T0), List.of()).isNew())
        .isTrue();
    assertThat(
            d.claim(
                    article("a", "https://a.example/2", title, null, T0.plus(Duration.ofDays(7))),
                    List.of())
                .isNew())
        .as("the same recurring headline a week later is another story")
        .isTrue();
    assertThat(
            d.claim(article("b", "https://b.example/3", title, null, T0.plusSeconds(60)), List.of())
                .kind())
        .isEqualTo(DuplicateKind.NEAR);
  }

  @Test
  void shortHeadlinesAreNotComparedAlone() {
    Deduplicator d = new Deduplicator(TestSettings.dedup(), null, clock);
    assertThat(
            d.claim(
                    article(
                        "a",
                        "https://a.example/1",
                        "Markets wrap",
                        "Stocks rose on Monday as tech rallied.",
                        T0),
                    List.of())
                .isNew())
        .isTrue();
    assertThat(
            d.claim(
                    article(
                        "b",
                        "https://b.example/1",
                        "Markets wrap",
                        "Bond yields fell after weak data from China.",
                        T0),
                    List.of())
                .isNew())
        .isTrue();
  }

  @Test
  void nearDuplicateDetectionCanBeTurnedOff() {
    var settings =
        new com.finpulse.ingest.config.DedupSettings(
            Duration.ofDays(30), false, Duration.ofHours(48), 3, List.of());
    Deduplicator d = new Deduplicator(settings, null, clock);
    String title = "Central bank holds rates steady and signals patience on future cuts";
    assertThat(d.claim(article("a", "https://a.example/1", title, null, T0), List.of()).isNew())
        .isTrue();
    assertThat(d.claim(article("b", "https://b.example/1", title, null, T0), List.of()).isNew())
        .isTrue();
  }

  @Test
  void releasedClaimsMayComeAgainAndAliasesAreKnown() {
    Deduplicator d = new Deduplicator(TestSettings.dedup(), null, clock);
    NewsArticle a =
        article(
            "listing",
            "https://site.example/story-canonical",
            "A long enough headline about a company deal",
            null,
            T0);
    String linkId = ArticleIds.fromCanonicalUrl("https://site.example/story?from=listing");
    assertThat(d.claim(a, List.of(linkId)).isNew()).isTrue();
    assertThat(d.checkLink(linkId, "listing").kind()).isEqualTo(DuplicateKind.KNOWN);
    assertThat(d.checkLink(linkId, "other").kind()).isEqualTo(DuplicateKind.EXACT);
    d.release(a, List.of(linkId));
    assertThat(d.checkLink(linkId, "listing").isNew()).isTrue();
    assertThat(d.claim(a, List.of(linkId)).isNew()).isTrue();
  }

  @Test
  void journalRestoresAcrossRestartsAndSurvivesATornLastLine(@TempDir Path dir) throws Exception {
    NewsArticle a =
        article(
            "nyt",
            "https://www.nytimes.com/a.html",
            "First headline of the journal test run",
            null,
            T0);
    NewsArticle b =
        article(
            "nyt",
            "https://www.nytimes.com/b.html",
            "Second headline of the journal test run",
            null,
            T0);
    try (SentJournal journal = SentJournal.open(dir)) {
      journal.load(0);
      Deduplicator d = new Deduplicator(TestSettings.dedup(), journal, clock);
      d.claim(a, List.of());
      d.confirm(a, List.of(), 0, 41);
      d.claim(b, List.of());
      d.confirm(b, List.of(), 2, 7);
    }
    Files.writeString(
        dir.resolve(SentJournal.FILE),
        "1\t17177\tdeadbeef",
        java.nio.file.StandardOpenOption.APPEND);
    try (SentJournal journal = SentJournal.open(dir)) {
      SentJournal.Loaded loaded = journal.load(0);
      assertThat(loaded.articles()).extracting(SentArticle::id).containsExactly(a.id(), b.id());
      assertThat(loaded.nextOffsets()).containsEntry(0, 42L).containsEntry(2, 8L);
      assertThat(loaded.unreadable()).isEqualTo(1);
      Deduplicator d = new Deduplicator(TestSettings.dedup(), journal, clock);
      d.restore(loaded.articles());
      assertThat(d.claim(a, List.of()).kind()).isEqualTo(DuplicateKind.KNOWN);
      assertThat(d.claim(b, List.of()).kind()).isEqualTo(DuplicateKind.KNOWN);
    }
  }

  @Test
  void journalIsExclusive(@TempDir Path dir) throws Exception {
    try (SentJournal first = SentJournal.open(dir)) {
      assertThat(first.load(0).articles()).isEmpty();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> SentJournal.open(dir))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("another ingest process");
    }
  }

  @Test
  void expiredEntriesAreDroppedAndTheFileCompacted(@TempDir Path dir) throws Exception {
    try (SentJournal journal = SentJournal.open(dir)) {
      journal.load(0);
      for (int i = 0; i < 3000; i++) {
        String id = ArticleIds.fromCanonicalUrl("https://a.example/" + i);
        journal.append(
            new SentArticle(id, List.of(), "0000000000000000", 0, i, i < 2500 ? 1000 : 10_000, "s"),
            0,
            i);
      }
    }
    try (SentJournal journal = SentJournal.open(dir)) {
      SentJournal.Loaded loaded = journal.load(5000);
      assertThat(loaded.articles()).hasSize(500);
      assertThat(loaded.expired()).isEqualTo(2500);
      assertThat(loaded.nextOffsets()).containsEntry(0, 3000L);
    }
    assertThat(Files.readAllLines(dir.resolve(SentJournal.FILE))).hasSize(501);
    try (SentJournal journal = SentJournal.open(dir)) {
      assertThat(journal.load(5000).nextOffsets())
          .as("the restart position survives compaction")
          .containsEntry(0, 3000L);
    }
  }
}
