package com.finpulse.ingest.extract;

import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/** The body text of an article page: prune, cut into blocks, find the article, write it out. */
final class ContentExtractor {

  private ContentExtractor() {}

  /** Mutates {@code doc} (furniture is removed): read metadata first. */
  static String extract(Document doc, @Nullable String title) {
    Element body = doc.body();
    if (body == null) {
      return "";
    }
    PagePruner.prune(doc);
    List<TextBlock> blocks = TextBlockCollector.collect(body);
    MainContentFinder.Result found = MainContentFinder.find(body, blocks);
    return BodyTextBuilder.build(blocks, found.roots(), found.stats(), title);
  }
}
