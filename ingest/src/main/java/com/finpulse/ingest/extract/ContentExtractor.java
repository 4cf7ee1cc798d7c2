package com.finpulse.ingest.extract;

import java.util.List;
import java.util.StringJoiner;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * The body text of an article page: prune, cut into blocks, find the article, write it out. When
 * the page also ships its text as JSON-LD {@code articleBody} and the markup yielded far less (an
 * article rendered by script, a layout the scoring misread), the structured text is used.
 */
final class ContentExtractor {

  /** The structured body must be this many times longer (in words) to overrule the markup. */
  private static final int STRUCTURED_BODY_FACTOR = 2;

  private static final int STRUCTURED_BODY_MIN_WORDS = 80;

  private ContentExtractor() {}

  /** Mutates {@code doc} (furniture is removed): read metadata first. */
  static String extract(Document doc, @Nullable String title, @Nullable String structuredBody) {
    Element body = doc.body();
    String fromMarkup = "";
    if (body != null) {
      ClassNameVerdicts verdicts = new ClassNameVerdicts();
      PagePruner.prune(doc, verdicts);
      List<TextBlock> blocks = TextBlockCollector.collect(body);
      MainContentFinder.Result found = MainContentFinder.find(body, blocks, verdicts);
      fromMarkup = BodyTextBuilder.build(blocks, found.roots(), found.stats(), verdicts, title);
    }
    if (structuredBody != null) {
      String structured = paragraphs(structuredBody);
      int words = words(structured);
      if (words >= STRUCTURED_BODY_MIN_WORDS
          && words >= STRUCTURED_BODY_FACTOR * words(fromMarkup)) {
        return structured;
      }
    }
    return fromMarkup;
  }

  /** JSON-LD bodies are plain text or escaped HTML; either way, paragraphs on blank lines. */
  private static String paragraphs(String structuredBody) {
    String text = structuredBody;
    if (text.indexOf('<') >= 0 && text.indexOf('>') > text.indexOf('<')) {
      Element root = Jsoup.parseBodyFragment(text).body();
      StringJoiner out = new StringJoiner("\n\n");
      for (TextBlock b : TextBlockCollector.collect(root)) {
        out.add(b.text().strip());
      }
      return out.toString();
    }
    StringJoiner out = new StringJoiner("\n\n");
    for (String line : text.split("\\R+")) {
      String l = TextNormalizer.collapse(line);
      if (!l.isEmpty()) {
        out.add(l);
      }
    }
    return out.toString();
  }

  private static int words(String s) {
    int n = 0;
    boolean in = false;
    for (int i = 0; i < s.length(); i++) {
      boolean letter = Character.isLetterOrDigit(s.charAt(i));
      if (letter && !in) {
        n++;
      }
      in = letter;
    }
    return n;
  }
}
