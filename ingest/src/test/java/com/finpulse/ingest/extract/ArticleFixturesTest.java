package com.finpulse.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.ticker.Watchlist;
import com.finpulse.ingest.ticker.PatternTickerFinder;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
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

  @Test
  void oneExtractorServesManyThreadsWithTheSameResults() throws Exception {
    ArticleExtractor shared =
        new ArticlePageExtractor(new PatternTickerFinder(Watchlist.defaults()));
    List<NewsFixtures.Page> pages = NewsFixtures.articles().subList(0, 60);
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (NewsFixtures.Page p : pages) {
        tasks.add(
            () -> {
              URI url = p.url() == null ? null : URI.create(p.url());
              return shared
                  .extract(NewsFixtures.read(p.html()), null, url)
                  .equals(NewsFixtures.extracted(p));
            });
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      for (Future<Boolean> f : pool.invokeAll(tasks)) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
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
