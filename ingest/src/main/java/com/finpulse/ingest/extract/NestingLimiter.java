package com.finpulse.ingest.extract;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Flattens every subtree that starts deeper than the limit into one text node. Jsoup parses and
 * walks trees iteratively, but a hostile page nested a million levels deep would still make any
 * recursive code (a serializer, a caller's visitor) overflow the stack, and no article is nested
 * more than a few dozen levels: the text is kept, the structure below the limit is not.
 */
final class NestingLimiter {

  private NestingLimiter() {}

  /**
   * @return how many subtrees were flattened
   */
  static int limit(Document doc, int maxDepth) {
    List<Element> tooDeep = new ArrayList<>();
    NodeTraversor.filter(
        new NodeFilter() {
          @Override
          public FilterResult head(Node node, int depth) {
            if (depth >= maxDepth && node instanceof Element e && e.childrenSize() > 0) {
              tooDeep.add(e);
              return FilterResult.SKIP_CHILDREN;
            }
            return FilterResult.CONTINUE;
          }

          @Override
          public FilterResult tail(Node node, int depth) {
            return FilterResult.CONTINUE;
          }
        },
        doc);
    for (Element e : tooDeep) {
      String text = e.wholeText();
      e.empty();
      e.appendText(text);
    }
    return tooDeep.size();
  }
}
