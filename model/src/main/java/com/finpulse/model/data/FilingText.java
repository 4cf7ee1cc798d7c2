package com.finpulse.model.data;

import com.finpulse.common.text.HtmlBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The narrative sentences of one filing document (an EDGAR HTML or inline-XBRL file: a 10-K, 10-Q,
 * 8-K or its press-release exhibit) and the registrant's name. Tables (the financial statements),
 * the hidden inline-XBRL header, scripts and styles are left out; every block element ends a
 * paragraph, and paragraphs are split into sentences at a full stop, question or exclamation mark
 * followed by a capital, except after a known abbreviation or an initial.
 */
public final class FilingText {

  private static final Pattern SENTENCE_END =
      Pattern.compile("(?<=[.!?][\"”’)]?)\\s+(?=[\"“(]?[A-Z])");

  private static final Pattern ABBREVIATION =
      Pattern.compile(
          "(?i)(?:\\b(?:inc|corp|co|ltd|plc|llc|no|nos|mr|mrs|ms|dr|vs|approx|e\\.g|i\\.e|st|jan"
              + "|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|u\\.s|u\\.k|n\\.a|s\\.a|etc)"
              + "|\\b[A-Z])\\.[\"”’)]?$");

  private static final Set<String> LEGAL_FORMS =
      Set.of(
          "inc",
          "incorporated",
          "corp",
          "corporation",
          "co",
          "company",
          "ltd",
          "limited",
          "plc",
          "llc",
          "sa",
          "ag",
          "nv",
          "se",
          "the");

  private static final Pattern SPACE = Pattern.compile("[\\s\\u00a0\\u2002-\\u200b]+");

  private final String registrant;
  private final List<String> sentences;

  private FilingText(String registrant, List<String> sentences) {
    this.registrant = registrant;
    this.sentences = sentences;
  }

  /** Parses one HTML filing document; {@code fallbackName} names the registrant if it does not. */
  public static FilingText parse(String html, String fallbackName) {
    Document doc = Jsoup.parse(html);
    String name = registrantName(doc);
    doc.select("table, script, style, ix|header, [style~=(?i)display:\\s*none]").remove();
    List<String> paragraphs = paragraphs(doc.body() == null ? doc : doc.body());
    List<String> out = new ArrayList<>();
    for (String p : paragraphs) {
      out.addAll(sentences(p));
    }
    return new FilingText(name == null ? fallbackName : name, List.copyOf(out));
  }

  /** The registrant's name from the inline-XBRL cover page, or the fallback name. */
  public String registrant() {
    return registrant;
  }

  public List<String> sentences() {
    return sentences;
  }

  /**
   * A company key for keeping one company's filings on one side of a split: the name lower-cased,
   * punctuation and legal-form words (Inc, Corp, Ltd, ...) removed.
   */
  public static String companyKey(String name) {
    StringBuilder sb = new StringBuilder();
    for (String w : name.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}&]+")) {
      if (w.isEmpty() || LEGAL_FORMS.contains(w)) {
        continue;
      }
      sb.append(sb.isEmpty() ? "" : " ").append(w);
    }
    return sb.isEmpty() ? name.strip().toLowerCase(Locale.ROOT) : sb.toString();
  }

  /** Splits one paragraph into sentences (see the class comment). */
  public static List<String> sentences(String paragraph) {
    String p = SPACE.matcher(paragraph).replaceAll(" ").strip();
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String piece : SENTENCE_END.split(p)) {
      current.append(current.isEmpty() ? "" : " ").append(piece);
      if (!ABBREVIATION.matcher(piece).find()) {
        out.add(current.toString());
        current.setLength(0);
      }
    }
    if (!current.isEmpty()) {
      out.add(current.toString());
    }
    return out;
  }

  private static String registrantName(Document doc) {
    for (Element e : doc.getElementsByTag("ix:nonnumeric")) {
      if ("dei:EntityRegistrantName".equalsIgnoreCase(e.attr("name"))) {
        String t = SPACE.matcher(e.text()).replaceAll(" ").strip();
        if (!t.isEmpty()) {
          return t;
        }
      }
    }
    return null;
  }

  private static List<String> paragraphs(Node root) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    NodeTraversor.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {
            if (node instanceof TextNode t) {
              current.append(t.getWholeText());
            } else if (node instanceof Element e && isBlock(e)) {
              flush(current, out);
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (node instanceof Element e && isBlock(e)) {
              flush(current, out);
            }
          }
        },
        root);
    flush(current, out);
    return out;
  }

  /** A block element or a line break: either ends a paragraph. */
  private static boolean isBlock(Element e) {
    return HtmlBlocks.TAGS.contains(e.normalName()) || e.normalName().equals("br");
  }

  private static void flush(StringBuilder current, List<String> out) {
    String p = SPACE.matcher(current).replaceAll(" ").strip();
    if (!p.isEmpty()) {
      out.add(p);
    }
    current.setLength(0);
  }
}
