package com.finpulse.ingest.extract;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Removes what can never be article text before the content is scored: scripts and other non-text
 * tags, hidden elements, and page furniture (navigation, cookie banners, share bars, related links,
 * newsletters, ads, comments) recognised by tag, ARIA role, class and id. An element that holds the
 * article itself is never removed, whatever its class says.
 */
final class PagePruner {

  private static final int PROSE_CHARS = 500;

  private PagePruner() {}

  static void prune(Document doc, ClassNameVerdicts verdicts) {
    Element body = doc.body();
    List<Node> doomed = new ArrayList<>();
    NodeTraversor.filter(
        new NodeFilter() {
          @Override
          public FilterResult head(Node node, int depth) {
            if (node instanceof Comment) {
              doomed.add(node);
              return FilterResult.SKIP_ENTIRELY;
            }
            if (!(node instanceof Element e) || e == body) {
              return FilterResult.CONTINUE;
            }
            String tag = e.normalName();
            if (BoilerplateRules.NON_CONTENT_TAGS.contains(tag)) {
              doomed.add(e);
              return FilterResult.SKIP_ENTIRELY;
            }
            boolean furniture =
                BoilerplateRules.FURNITURE_TAGS.contains(tag)
                    || BoilerplateRules.isFurnitureRole(e)
                    || verdicts.furnitureByName(e);
            if (furniture && !holdsArticle(e, verdicts)) {
              doomed.add(e);
              return FilterResult.SKIP_ENTIRELY;
            }
            // Hidden paragraphs of prose are usually the article behind a tab, a "read more"
            // toggle or a paywall script, not furniture.
            // Hidden microdata blocks (itemscope) restate the metadata and a copy of the text.
            if (BoilerplateRules.isHidden(e)
                && (e.hasAttr("itemscope") || (!holdsArticle(e, verdicts) && !holdsProse(e)))) {
              doomed.add(e);
              return FilterResult.SKIP_ENTIRELY;
            }
            return FilterResult.CONTINUE;
          }

          @Override
          public FilterResult tail(Node node, int depth) {
            return FilterResult.CONTINUE;
          }
        },
        body);
    doomed.forEach(Node::remove);
  }

  private static boolean holdsProse(Element e) {
    int chars = 0;
    for (Element p : e.getElementsByTag("p")) {
      chars += p.text().length();
      if (chars >= PROSE_CHARS) {
        return true;
      }
    }
    return false;
  }

  private static boolean holdsArticle(Element e, ClassNameVerdicts verdicts) {
    if (e.normalName().equals("body") || e.normalName().equals("html")) {
      return true;
    }
    if (e.selectFirst("article, main, [itemprop=articleBody]") != null) {
      return true;
    }
    for (Element d : e.getAllElements()) {
      if (d != e && verdicts.articleBody(d)) {
        return true;
      }
    }
    return false;
  }
}
