package com.finpulse.ingest.extract;

import com.finpulse.common.text.HtmlBlocks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Cuts an element's content into {@link TextBlock}s at block-level boundaries and line breaks,
 * counting link text as it goes. Iterative (Jsoup's traversor), so depth costs no stack.
 */
final class TextBlockCollector {

  private TextBlockCollector() {}

  static List<TextBlock> collect(Element root) {
    List<TextBlock> blocks = new ArrayList<>();
    Map<Element, Boolean> mixedCache = new IdentityHashMap<>();
    Deque<Element> owners = new ArrayDeque<>();
    owners.push(root);
    StringBuilder text = new StringBuilder();
    int[] linkDepth = {0};
    int[] chars = {0};
    int[] linkChars = {0};

    Runnable flush =
        () -> {
          if (chars[0] > 0) {
            Element owner = owners.peek();
            boolean mixed = mixedCache.computeIfAbsent(owner, TextBlockCollector::hasBlockChild);
            blocks.add(
                new TextBlock(
                    owner,
                    mixed,
                    TextNormalizer.collapse(text.toString()),
                    chars[0],
                    linkChars[0]));
          }
          text.setLength(0);
          chars[0] = 0;
          linkChars[0] = 0;
        };

    NodeTraversor.filter(
        new NodeFilter() {
          @Override
          public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode t) {
              String s = t.getWholeText();
              text.append(s);
              int n = nonSpace(s);
              chars[0] += n;
              if (linkDepth[0] > 0) {
                linkChars[0] += n;
              }
            } else if (node instanceof Element e && node != root) {
              String tag = e.normalName();
              if (tag.equals("br")) {
                flush.run();
              } else if (HtmlBlocks.TAGS.contains(tag)) {
                flush.run();
                owners.push(e);
              } else if (tag.equals("a")) {
                linkDepth[0]++;
              } else if (tag.equals("img") && text.length() > 0) {
                text.append(' ');
              }
            }
            return FilterResult.CONTINUE;
          }

          @Override
          public FilterResult tail(Node node, int depth) {
            if (node instanceof Element e && node != root) {
              String tag = e.normalName();
              if (HtmlBlocks.TAGS.contains(tag)) {
                flush.run();
                owners.pop();
              } else if (tag.equals("a")) {
                linkDepth[0]--;
              }
            }
            return FilterResult.CONTINUE;
          }
        },
        root);
    flush.run();
    return blocks;
  }

  private static boolean hasBlockChild(Element e) {
    for (Element child : e.children()) {
      if (HtmlBlocks.TAGS.contains(child.normalName())) {
        return true;
      }
    }
    return false;
  }

  static int nonSpace(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (!TextNormalizer.isSpace(s.charAt(i))) {
        n++;
      }
    }
    return n;
  }
}
