package com.finpulse.ingest.extract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * Finds the elements that hold the article, in the Readability tradition: every paragraph-like
 * block of real text credits its container and, less, the container's ancestors; a container's
 * score is its credit plus tag and class/id weights, discounted by its link density. The best
 * container may be replaced by an ancestor that gathers several near-best containers, or by the
 * element holding much more prose (an article cut into many small boxes), and is joined by siblings
 * that score well or are plain paragraphs of text, up to a "Related" heading.
 */
final class MainContentFinder {

  /** Blocks shorter than this (in characters; ideographs count three) credit nobody. */
  static final int MIN_BLOCK_CHARS = 25;

  private static final int ANCESTOR_LEVELS = 5;
  private static final int TOP_N = 5;

  /** Aggregates per element, over the blocks beneath it. */
  static final class Stats {
    double credit;
    int chars;
    int linkChars;

    /** Characters in paragraph-like blocks (long enough, few links) and in all other blocks. */
    int goodChars;

    int otherChars;
    double weight;

    double linkDensity() {
      return chars == 0 ? 0 : (double) linkChars / chars;
    }

    double score() {
      return (credit + weight) * (1 - linkDensity());
    }
  }

  /**
   * Jsoup elements compare by identity; insertion (document) order makes ties between equal scores
   * break the same way on every run.
   */
  private final Map<Element, Stats> stats = new LinkedHashMap<>();

  private final Element body;
  private final ClassNameVerdicts verdicts;

  private MainContentFinder(Element body, ClassNameVerdicts verdicts) {
    this.body = body;
    this.verdicts = verdicts;
  }

  /** The article's containers in document order, and the per-element aggregates. */
  record Result(List<Element> roots, Map<Element, Stats> stats) {}

  /** The article's containers; {@code body} alone when nothing stands out. */
  static Result find(Element body, List<TextBlock> blocks, ClassNameVerdicts verdicts) {
    MainContentFinder f = new MainContentFinder(body, verdicts);
    f.score(blocks);
    return new Result(f.choose(), f.stats);
  }

  Stats stats(Element e) {
    return stats.computeIfAbsent(
        e,
        k -> {
          Stats s = new Stats();
          s.weight = tagWeight(k) + verdicts.classWeight(k);
          return s;
        });
  }

  private void score(List<TextBlock> blocks) {
    for (TextBlock b : blocks) {
      // Every ancestor learns its text and link volume, scored or not.
      int effective = effectiveChars(b);
      // Prose for the coverage check: list items are left out, since teaser lists ("breaking
      // news", "you may like") read like prose and the article's own lists are near its prose.
      boolean good =
          effective >= MIN_BLOCK_CHARS
              && b.linkDensity() < 0.2
              && !b.owner().normalName().equals("li");
      for (Element e = b.owner(); e != null; e = e.parent()) {
        Stats s = stats(e);
        s.chars += b.chars();
        s.linkChars += b.linkChars();
        if (good) {
          s.goodChars += b.chars();
        } else {
          s.otherChars += b.chars();
        }
        if (e == body) {
          break;
        }
      }
      if (effective < MIN_BLOCK_CHARS) {
        continue;
      }
      double credit = 1 + b.commas() + Math.min(3, effective / 100.0);
      // A paragraph credits its container fully, the next ancestors less and less.
      Element e = b.mixed() ? b.owner() : b.owner().parent();
      for (int level = 0; e != null && level < ANCESTOR_LEVELS; level++, e = e.parent()) {
        double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
        stats(e).credit += credit / divider;
        if (e == body) {
          break;
        }
      }
    }
  }

  static int effectiveChars(TextBlock b) {
    int ideographs = 0;
    String t = b.text();
    for (int i = 0; i < t.length(); i++) {
      if (TextBlock.isIdeographic(t.charAt(i))) {
        ideographs++;
      }
    }
    return b.chars() + 2 * ideographs;
  }

  private static int tagWeight(Element e) {
    return switch (e.normalName()) {
      case "div", "article", "main", "section" -> 5;
      case "pre", "td", "blockquote" -> 3;
      case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
      case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
      default -> 0;
    };
  }

  private List<Element> choose() {
    List<Map.Entry<Element, Stats>> ranked = new ArrayList<>();
    for (var entry : stats.entrySet()) {
      if (entry.getValue().credit > 0) {
        ranked.add(entry);
      }
    }
    if (ranked.isEmpty()) {
      return List.of(body);
    }
    ranked.sort(
        Comparator.comparingDouble((Map.Entry<Element, Stats> x) -> x.getValue().score())
            .reversed());
    Element top = ranked.get(0).getKey();
    double topScore = ranked.get(0).getValue().score();

    top = gatherNearBest(top, topScore, ranked);
    top = climbWhileScoring(top);
    top = coverMoreProse(top);
    while (top != body
        && top.parent() != null
        && top.parent() != body
        && top.parent().childrenSize() == 1) {
      top = top.parent();
    }
    return withSiblings(top);
  }

  /** When several near-best containers share an ancestor, the article is that ancestor. */
  private Element gatherNearBest(
      Element top, double topScore, List<Map.Entry<Element, Stats>> ranked) {
    List<Element> near = new ArrayList<>();
    for (int i = 1; i < Math.min(TOP_N, ranked.size()); i++) {
      Element other = ranked.get(i).getKey();
      // Containers inside or around the best one are the same region, not a second part.
      if (ranked.get(i).getValue().score() >= 0.75 * topScore
          && !isAncestor(other, top)
          && !isAncestor(top, other)) {
        near.add(other);
      }
    }
    if (near.size() < 2) {
      return top;
    }
    for (Element p = top.parent(); p != null && p != body; p = p.parent()) {
      int contained = 0;
      for (Element n : near) {
        if (isAncestor(p, n)) {
          contained++;
        }
      }
      if (contained >= 2) {
        return p;
      }
    }
    return top;
  }

  /**
   * The scores above credit a paragraph to a few ancestors only, so an article cut into many small
   * containers (slides, "chunks", one div per paragraph) can lose to one compact box. The element
   * with the most paragraph text net of other text is the check: when it contains the choice and
   * much more prose, or lies elsewhere and holds at least twice the prose, it wins.
   */
  private Element coverMoreProse(Element top) {
    Element cover = null;
    int best = Integer.MIN_VALUE;
    for (var entry : stats.entrySet()) {
      Stats s = entry.getValue();
      int net = s.goodChars - s.otherChars;
      if (s.goodChars > 0 && net > best) {
        best = net;
        cover = entry.getKey();
      }
    }
    if (cover == null || cover == top || cover == body) {
      return top;
    }
    Stats c = stats(cover);
    Stats t = stats(top);
    if (isAncestor(cover, top)) {
      return c.goodChars >= 1.3 * t.goodChars ? cover : top;
    }
    if (isAncestor(top, cover)) {
      return top;
    }
    return c.goodChars >= 2 * t.goodChars ? cover : top;
  }

  /** Moves up while the parent scores higher than the current choice (Readability's rule). */
  private Element climbWhileScoring(Element top) {
    double last = stats(top).score();
    double threshold = last / 3;
    for (Element p = top.parent(); p != null && p != body; p = p.parent()) {
      Stats s = stats.get(p);
      if (s == null || s.credit == 0) {
        continue;
      }
      double score = s.score();
      if (score < threshold) {
        break;
      }
      if (score > last) {
        return p;
      }
      last = score;
    }
    return top;
  }

  private List<Element> withSiblings(Element top) {
    Element parent = top.parent();
    if (parent == null || top == body) {
      return List.of(top);
    }
    double topScore = stats(top).score();
    double threshold = Math.max(10, topScore * 0.2);
    List<Element> chosen = new ArrayList<>();
    boolean afterTop = false;
    for (Element sibling : parent.children()) {
      if (sibling == top) {
        chosen.add(sibling);
        afterTop = true;
        continue;
      }
      if (afterTop && opensRelatedSection(sibling)) {
        break;
      }
      Stats s = stats.get(sibling);
      if (s == null || s.chars == 0) {
        continue;
      }
      double bonus =
          !top.className().isEmpty() && top.className().equals(sibling.className())
              ? topScore * 0.2
              : 0;
      if (s.credit > 0 && s.score() + bonus >= threshold) {
        chosen.add(sibling);
      } else if (sibling.normalName().equals("p")) {
        double ld = s.linkDensity();
        String text = sibling.text();
        if ((s.chars > 80 && ld < 0.25)
            || (s.chars <= 80 && s.chars > 0 && ld == 0 && text.matches(".*[.!?。！？]\\s*$"))) {
          chosen.add(sibling);
        }
      }
    }
    return chosen;
  }

  /** The sibling is, or starts with, a "Related" / "More from" heading. */
  private static boolean opensRelatedSection(Element sibling) {
    if (BoilerplateRules.opensRelatedSection(sibling)) {
      return true;
    }
    Element first = sibling.firstElementChild();
    return first != null
        && sibling.childrenSize() > 1
        && BoilerplateRules.opensRelatedSection(first);
  }

  static boolean isAncestor(Element ancestor, Element e) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (p == ancestor) {
        return true;
      }
    }
    return false;
  }
}
