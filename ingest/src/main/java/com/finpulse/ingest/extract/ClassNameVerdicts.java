package com.finpulse.ingest.extract;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * {@link BoilerplateRules}' class-and-id verdicts, remembered per distinct class/id string for one
 * page: a page repeats a few hundred class strings over thousands of elements, and the patterns are
 * the costliest part of pruning and scoring. One instance per page; not thread-safe.
 */
final class ClassNameVerdicts {

  private final Map<String, Boolean> furniture = new HashMap<>();
  private final Map<String, Boolean> articleBody = new HashMap<>();
  private final Map<String, Integer> weights = new HashMap<>();

  /** Furniture by class, id or ARIA label, and not marked as the article's container. */
  boolean furnitureByName(Element e) {
    String names = BoilerplateRules.classAndId(e);
    if (names.isEmpty()) {
      String label = e.attr("aria-label");
      return !label.isEmpty() && BoilerplateRules.furnitureName(label.toLowerCase(Locale.ROOT));
    }
    return furniture.computeIfAbsent(
        names,
        n -> {
          String lower = n.toLowerCase(Locale.ROOT);
          return BoilerplateRules.furnitureName(lower)
              && !BoilerplateRules.articleContainerName(lower);
        });
  }

  /** itemprop=articleBody, or a class or id that CMSs give the article body. */
  boolean articleBody(Element e) {
    if ("articleBody".equalsIgnoreCase(e.attr("itemprop"))) {
      return true;
    }
    String names = BoilerplateRules.classAndId(e);
    return !names.isEmpty()
        && articleBody.computeIfAbsent(
            names, n -> BoilerplateRules.articleBodyName(n.toLowerCase(Locale.ROOT)));
  }

  /** Readability's class weight, plus 25 for an article-body name. */
  int classWeight(Element e) {
    String className = e.className();
    String id = e.id();
    int weight =
        weights.computeIfAbsent(
            className + "#" + id,
            k ->
                BoilerplateRules.classWeight(
                    className.toLowerCase(Locale.ROOT), id.toLowerCase(Locale.ROOT)));
    return articleBody(e) ? weight + 25 : weight;
  }
}
