package com.finpulse.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Extracted fields against what each fixture source's ground-truth files say (PROVENANCE.md).
 * Per-page checks where a field is unambiguous (a publish time with an offset, a canonical link, a
 * body prefix); per-source floors on body overlap and on title agreement, since the sources
 * disagree on conventions (og:title or JSON-LD headline, site-name suffix kept or not).
 */
class GroundTruthTest {

  @Test
  void zyteBenchmarkBodies() {
    List<String> weak = new ArrayList<>();
    double f1 = 0;
    List<NewsFixtures.Page> pages = NewsFixtures.articles("zyte-benchmark");
    for (NewsFixtures.Page p : pages) {
      NewsFixtures.Overlap o =
          NewsFixtures.overlap(
              p.truth().get("articleBody").asText(), NewsFixtures.extracted(p).text());
      f1 += o.f1();
      if (o.recall() < 0.6) {
        weak.add(p + " recall " + o.recall());
      }
    }
    assertThat(weak).as("pages missing most of their article").isEmpty();
    assertThat(f1 / pages.size()).as("mean bag-of-words F1").isGreaterThan(0.95);
  }

  @Test
  void fundusPublishTimesTitlesAndBodies() {
    List<NewsFixtures.Page> pages = NewsFixtures.articles("fundus");
    assertThat(pages).hasSizeGreaterThan(40);
    int titles = 0;
    double f1 = 0;
    for (NewsFixtures.Page p : pages) {
      ExtractedArticle a = NewsFixtures.extracted(p);
      assertPublished(p, a, p.truth().get("publishing_date").asText());
      assertThat(a.language()).as("language of %s", p).isEqualTo("en");
      if (NewsFixtures.normalizeSpace(a.title())
          .equals(NewsFixtures.normalizeSpace(p.truth().get("title").asText()))) {
        titles++;
      }
      f1 += NewsFixtures.overlap(p.truth().get("body_text").asText(), a.text()).f1();
    }
    assertThat((double) titles / pages.size()).as("title agreement").isGreaterThan(0.8);
    assertThat(f1 / pages.size()).as("mean bag-of-words F1").isGreaterThan(0.93);
  }

  @Test
  void readabilityMetadata() {
    int titles = 0;
    List<NewsFixtures.Page> pages = NewsFixtures.articles("readability");
    for (NewsFixtures.Page p : pages) {
      ExtractedArticle a = NewsFixtures.extracted(p);
      JsonNode t = p.truth();
      if (t.hasNonNull("lang")) {
        assertThat(a.language())
            .as("language of %s", p)
            .isEqualTo(t.get("lang").asText().substring(0, 2));
      }
      if (t.hasNonNull("publishedTime")) {
        assertPublished(p, a, t.get("publishedTime").asText());
      }
      if (NewsFixtures.normalizeSpace(a.title())
          .equals(NewsFixtures.normalizeSpace(t.get("title").asText()))) {
        titles++;
      }
    }
    assertThat((double) titles / pages.size()).as("title agreement").isGreaterThan(0.7);
  }

  @Test
  void newspaper4kCanonicalLinksDatesAndLanguages() {
    for (NewsFixtures.Page p : NewsFixtures.articles("newspaper4k")) {
      ExtractedArticle a = NewsFixtures.extracted(p);
      JsonNode t = p.truth();
      String canonical = t.path("canonical_link").asText("");
      if (canonical.startsWith("http")) {
        assertThat(a.canonicalUrl()).as("canonical URL of %s", p).isEqualTo(canonical);
      }
      if (t.hasNonNull("publish_date")) {
        assertThat(a.published()).as("publish time of %s", p).isNotNull();
        String expected = t.get("publish_date").asText();
        if (expected.length() > 19) {
          assertThat(a.published()).isEqualTo(OffsetDateTime.parse(expected).toInstant());
        }
      }
      if (t.hasNonNull("language")) {
        assertThat(a.language()).as("language of %s", p).isEqualTo(t.get("language").asText());
      }
      String expectedText =
          new String(
              NewsFixtures.read(p.html().resolveSibling(p.id() + ".expected.txt")),
              java.nio.charset.StandardCharsets.UTF_8);
      NewsFixtures.Overlap o = NewsFixtures.overlap(expectedText, a.text());
      assertThat(o.recall()).as("body recall of %s", p).isGreaterThan(0.9);
    }
  }

  /**
   * With an offset the instant must match; without one, the extracted instant must be that
   * wall-clock time at some UTC offset (-12:00 to +14:00, whole quarter hours).
   */
  private static void assertPublished(NewsFixtures.Page p, ExtractedArticle a, String expected) {
    assertThat(a.published()).as("publish time of %s", p).isNotNull();
    String iso = expected.replace(' ', 'T').replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2");
    if (iso.matches(".*([zZ]|[+-]\\d\\d:\\d\\d)$")) {
      assertThat(a.published())
          .as("publish time of %s", p)
          .isEqualTo(OffsetDateTime.parse(iso).toInstant());
      return;
    }
    long offsetSeconds =
        LocalDateTime.parse(iso).toEpochSecond(ZoneOffset.UTC) - a.published().getEpochSecond();
    assertThat(offsetSeconds % 900).as("offset of %s in quarter hours", p).isZero();
    assertThat(offsetSeconds).as("offset of %s", p).isBetween(-12 * 3600L, 14 * 3600L);
  }

  /** goose3 checks only that the body starts with its expectation, a sentence or two long. */
  @Test
  void goose3BodiesBeginWithTheExpectedPrefix() {
    for (NewsFixtures.Page p : NewsFixtures.articles("goose3")) {
      ExtractedArticle a = NewsFixtures.extracted(p);
      String prefix = NewsFixtures.normalizeSpace(p.truth().get("cleaned_text").asText());
      String body = NewsFixtures.normalizeSpace(a.text());
      String opening = prefix.substring(0, Math.min(prefix.length(), 40));
      assertThat(body.indexOf(opening))
          .as("where %s's expected opening starts", p)
          .isBetween(0, 500);
      assertThat(NewsFixtures.overlap(prefix, body).recall())
          .as("prefix recall of %s", p)
          .isGreaterThan(0.98);
    }
  }
}
