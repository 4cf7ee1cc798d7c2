package com.finpulse.ingest.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * Writes the body text from the blocks inside the chosen containers, leaving out what sits in the
 * article but is not the article: the headline, captions, share bars, related-links lists,
 * link-dense lines and the short stock phrases of page furniture ("Advertisement", "Read more").
 */
final class BodyTextBuilder {

  private static final Set<String> DROPPED_TAGS =
      Set.of("h1", "figure", "figcaption", "nav", "aside", "footer", "menu", "address");

  private static final Pattern FURNITURE_LINE =
      Pattern.compile(
          "(?i)^\\W*(advertisement|advertising|advert|anzeige|publicité|publicidad"
              + "|sponsored( content)?|read more|read next|read also|related( articles| stories"
              + "| content)?|see also|check also|more from|more on|more:|share( this( article| story)?)?"
              + "|sharing is caring|like this|like loading|follow (us|\\S+ on)|sign up|subscribe"
              + "|by signing up|thanks for signing up|email address|get in touch|do you have a story"
              + "|for more stories like this|contact me with news|click here|story continues( below)?"
              + "|article continues( below)?|continue reading|recommended( for you)?|watch|listen"
              + "|loading|photo|photos|photograph|image|video|illustration by|getty images"
              + "|copyright|©|all rights reserved|skip (to|advertisement)|back to top|back to video"
              + "|comments?|print|tags?:|topics:?$|filed under|tell us what you think"
              + "|this slideshow requires|we apologi[sz]e, but this video|try refreshing your browser"
              + "|don'?t want to see this|remove ads|this content is reserved for subscribers"
              + "|this article contains affiliate links|ad ?block users|reading time|text size"
              + "|order reprints|reprints|font size|listen to (this )?article"
              + "|\\d+ min(ute)?s? read)\\b.*");

  /** A picture credit on a line of its own ("Jane Doe | Getty Images", "REUTERS"). */
  private static final Pattern PICTURE_CREDIT =
      Pattern.compile(
          "(?i).*\\b(getty images|shutterstock|reuters|afp|ap photo|associated press|epa|pa wire"
              + "|bloomberg|alamy|istock)\\W*$");

  /**
   * Credit lines of wire copy ("Reporting by ...; Editing by ...", "... contributed to this
   * report").
   */
  private static final Pattern CREDIT_LINE =
      Pattern.compile(
          "(?i)^\\W*((additional )?(reporting|writing|editing|compiled|research)( and \\w+)? (by|from)"
              + "|with (additional )?reporting (by|from))\\b.*"
              + "|.*\\bcontributed( reporting)? to this (report|story|article)\\W*$");

  /** Byline and dateline openers ("By Jane Doe", "Posted on", "Updated"). */
  private static final Pattern DATELINE_START =
      Pattern.compile(
          "(?i)^\\W*(by|posted|updated|published|last (updated|modified)|first published)\\b.*");

  private static final Pattern TIME_OR_AGO =
      Pattern.compile(
          "(?i)((?<!\\d)\\d{1,2}:\\d{2}(?!\\d)|\\d+\\s*(min|mins|minutes?|hours?|hrs?|days?|weeks?)\\s+ago)");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?。！？]['\"’”)]*\\s*$");

  private final Map<Element, Boolean> excluded = new HashMap<>();
  private final Map<Element, MainContentFinder.Stats> stats;
  private final Set<Element> roots;
  private final ClassNameVerdicts verdicts;

  private BodyTextBuilder(
      Set<Element> roots, Map<Element, MainContentFinder.Stats> stats, ClassNameVerdicts verdicts) {
    this.roots = roots;
    this.stats = stats;
    this.verdicts = verdicts;
  }

  static String build(
      List<TextBlock> blocks,
      List<Element> roots,
      Map<Element, MainContentFinder.Stats> stats,
      ClassNameVerdicts verdicts,
      @Nullable String title) {
    // Jsoup elements are equal only to themselves, so hash sets and maps key them by identity.
    BodyTextBuilder b = new BodyTextBuilder(new HashSet<>(roots), stats, verdicts);
    String normalizedTitle = title == null ? "" : title.strip();
    StringJoiner out = new StringJoiner("\n\n");
    Element cutSection = null;
    for (TextBlock block : blocks) {
      if (!b.inRoots(block.owner())) {
        continue;
      }
      if (cutSection != null
          && (block.owner() == cutSection
              || MainContentFinder.isAncestor(cutSection, block.owner()))) {
        continue;
      }
      Element section = relatedSection(block);
      if (section != null) {
        // The rest of this section lists other articles (or is a press release's boilerplate).
        cutSection = section;
        continue;
      }
      String text = block.text().strip();
      if (text.isEmpty() || text.equals(normalizedTitle) || isFurnitureLine(block)) {
        continue;
      }
      double ld = block.linkDensity();
      int words = block.words();
      if (ld > 0.8 || (ld > 0.5 && words < 40)) {
        continue;
      }
      out.add(text);
    }
    return out.toString();
  }

  /**
   * The section a "Related" / "More from" label opens: the heading's parent when the label is a
   * heading, the owner when the label is the owner's first line (a styled span or label).
   */
  private static @Nullable Element relatedSection(TextBlock block) {
    if (block.words() > 8 || !BoilerplateRules.isRelatedHeading(block.text().strip())) {
      return null;
    }
    Element owner = block.owner();
    if (BoilerplateRules.opensRelatedSection(owner)) {
      return owner.parent();
    }
    if (!owner.normalName().equals("p") && owner.text().startsWith(block.text().strip())) {
      return owner;
    }
    return null;
  }

  private static boolean isFurnitureLine(TextBlock block) {
    String text = block.text();
    int words = block.words();
    if (words <= 12 && FURNITURE_LINE.matcher(text).matches()) {
      return true;
    }
    if (words <= 60 && CREDIT_LINE.matcher(text).matches()) {
      return true;
    }
    if (words <= 8 && PICTURE_CREDIT.matcher(text).matches()) {
      return true;
    }
    if (words == 0) {
      return true; // a rule of underscores or dashes
    }
    return words <= 20 && !SENTENCE_END.matcher(text).find() && isDateline(text);
  }

  /** A short line that is a byline or dateline rather than a sentence. */
  private static boolean isDateline(String text) {
    return DATELINE_START.matcher(text).matches()
        || TIME_OR_AGO.matcher(text).find()
        || DateParser.parseProse(text) != null
        || DateParser.findIso(text);
  }

  /**
   * True when the owner lies in a root and nothing between them is furniture. Verdicts are kept for
   * every element on the way up, so each element is judged once.
   */
  private boolean inRoots(Element owner) {
    List<Element> path = new ArrayList<>();
    Boolean excludedAbove = null;
    for (Element e = owner; e != null; e = e.parent()) {
      if (roots.contains(e)) {
        excludedAbove = false;
        break;
      }
      Boolean known = excluded.get(e);
      if (known != null) {
        excludedAbove = known;
        break;
      }
      path.add(e);
    }
    boolean verdict = excludedAbove == null || excludedAbove;
    for (int i = path.size() - 1; i >= 0; i--) {
      Element e = path.get(i);
      verdict = verdict || isFurniture(e);
      excluded.put(e, verdict);
    }
    return !verdict;
  }

  private boolean isFurniture(Element e) {
    String tag = e.normalName();
    if (DROPPED_TAGS.contains(tag) || BoilerplateRules.isFurnitureRole(e)) {
      return true;
    }
    if (verdicts.furnitureByName(e)) {
      return true;
    }
    if (tag.equals("ul") || tag.equals("ol")) {
      MainContentFinder.Stats s = stats.get(e);
      return s != null && s.linkDensity() > 0.5;
    }
    return false;
  }
}
