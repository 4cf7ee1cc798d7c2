package com.finpulse.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.ingest.ticker.PatternTickerFinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every page of the news fixtures goes through the extractor without an exception. */
class ArticleFixturesTest {

  static List<NewsFixtures.Page> articlePages() {
    return NewsFixtures.articles();
  }

  static List<Path> secPages() {
    return NewsFixtures.secPages();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("articlePages")
  void everyArticlePageYieldsTitleAndText(NewsFixtures.Page page) {
    ExtractedArticle a = NewsFixtures.extracted(page);
    assertThat(a.title()).as("title of %s", page).isNotBlank();
    assertThat(a.text()).as("text of %s", page).isNotBlank();
    assertThat(a.text()).as("no run of blank lines in %s", page).doesNotContain("\n\n\n");
    if (a.canonicalUrl() != null) {
      assertThat(a.canonicalUrl()).as("canonical URL of %s", page).startsWith("http");
    }
    if (a.language() != null) {
      assertThat(a.language()).as("language of %s", page).matches("[a-z]{2}");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secPages")
  void everySecPageParses(Path page) throws Exception {
    ExtractedArticle a =
        new ArticlePageExtractor(new PatternTickerFinder(Map.of()))
            .extract(NewsFixtures.read(page), null, null);
    assertThat(a.title()).as("title of %s", page).isNotBlank();
  }
}
