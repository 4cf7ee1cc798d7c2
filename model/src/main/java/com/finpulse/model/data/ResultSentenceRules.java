package com.finpulse.model.data;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Weak sentiment labels for sentences of company filings and press releases, from what a sentence
 * says about results: a result metric at the start of the sentence that went up or down ("Net sales
 * increased 6% to $94.9 billion" is positive, "Operating income decreased 12%" negative); for costs
 * and losses the direction is inverted ("Net loss widened to $4 million" is negative). A metric
 * stated without a direction ("Revenue was $2.1 billion") is neutral, and so are plain factual
 * sentences that carry no word of change, gain or loss at all.
 *
 * <p>Precision first: a sentence the rules are unsure of gets no label — one that is hedged or
 * forward-looking (may, could, expects, will, if), negated, whose direction is contradicted after a
 * "while" or "but", that names a cost and a result metric in one subject, or that holds no number.
 */
public final class ResultSentenceRules {

  /** Which rule gave a label. */
  public enum Rule {
    /** A result metric went up: positive. */
    RESULT_UP("result-up"),
    /** A result metric went down: negative. */
    RESULT_DOWN("result-down"),
    /** A cost or loss went up: negative. */
    COST_UP("cost-up"),
    /** A cost or loss went down: positive. */
    COST_DOWN("cost-down"),
    /** A metric stated without a direction: neutral. */
    LEVEL("level"),
    /** No metric and no word of change, gain or loss: neutral. */
    PLAIN("plain");

    private final String id;

    Rule(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /**
   * A weak label ({@code negative}, {@code neutral}, {@code positive}) and the rule that gave it.
   */
  public record Verdict(String label, Rule rule) {}

  /**
   * What may come before the subject: a bullet, a leading clause closed by a comma ("For the
   * quarter, ", "Excluding currency effects, "), a determiner, and up to four words naming a
   * segment or product line ("AWS", "Digital Experience"), checked by {@link #SUBJECT_WORDS}.
   */
  private static final String PREFIX =
      "^[•·\\-–* ]*(?<clause>[^,]{0,70}, )?"
          + "(?:the company's |our |total |the |these |this |consolidated |worldwide |global |"
          + "its )*(?<pre>(?:[\\w&'.\\-]+ ){0,4}?)";

  private static final String BAD_METRIC =
      "(?:net losses|net loss|operating losses|operating loss|loss from operations|pre-tax loss"
          + "|(?:operating |selling, general and administrative |research and development |total )?"
          + "(?:costs and expenses|expenses|costs)"
          + "|cost of (?:sales|revenues?|goods sold)|impairment charges?|restructuring charges?"
          + "|net charge-offs|provision for credit losses)";

  private static final String GOOD_METRIC =
      "(?:(?:net |total |comparable |organic |product |service |services )*"
          + "(?:revenues?|sales)"
          + "|net income|net earnings|net profit|(?:diluted )?earnings per (?:diluted )?share"
          + "|(?:diluted |adjusted )?eps|operating income|income from operations|operating profit"
          + "|gross profit|gross margin|operating margin|(?:adjusted )?ebitda|pre-tax profit"
          + "|profit before tax(?:es)?|earnings|orders|order intake|bookings|backlog"
          + "|free cash flow|cash flows? from operations|cash flows? from operating activities"
          + "|net cash provided by operating activities|same-store sales|comparable store sales"
          + "|deliveries)";

  private static final String UP =
      "(?:increased|increase[ds]?|rose|risen|grew|grown|was up|were up|higher|improved|climbed"
          + "|jumped|surged|expanded|doubled|gained|strengthened|widened)";

  private static final String DOWN =
      "(?:decreased|decrease[ds]?|declined|decline[ds]?|fell|fallen|dropped|was down|were down"
          + "|lower|contracted|shrank|weakened|slipped|deteriorated|narrowed)";

  private static final String LEVEL = "(?:was|were|totaled|totalled|amounted to|reached)";

  private static final String CHANGE_NOUN =
      "(?<noun>increases?|decreases?|declines?|improvement|growth|rise|reduction)";

  private static final Pattern MOVE =
      Pattern.compile(
          PREFIX
              + "(?<metric>"
              + BAD_METRIC
              + "|"
              + GOOD_METRIC
              + ")\\b(?<mid>[^;:–—]{0,60}?)\\b(?:(?:was|were|is|are|has|have|had) (?:been )?)?"
              + "(?<dir>"
              + UP
              + "|"
              + DOWN
              + "|"
              + LEVEL
              + ")\\b");

  /** "The increase in operating income was driven by ...": the direction as a noun. */
  private static final Pattern NOUN_MOVE =
      Pattern.compile(
          "^[•·\\-–* ]*(?<clause>[^,]{0,70}, )?(?:the |an |a )?"
              + CHANGE_NOUN
              + " in (?:the company's |our |total |the |consolidated )?(?<pre>(?:[\\w&'.\\-]+"
              + " ){0,4}?)(?<metric>"
              + BAD_METRIC
              + "|"
              + GOOD_METRIC
              + ")\\b(?<mid>)");

  /** Words that may not name a segment before the subject metric (it is then not the subject). */
  private static final Pattern SUBJECT_WORDS =
      Pattern.compile(
          "\\b(?:of|in|on|from|to|by|for|with|as|at|than|and|or|that|which|when|due|because"
              + "|excluding|including)\\b");

  /** After the direction: a metric as its object ("decreased earnings by $40 million"). */
  private static final Pattern OBJECT_METRIC =
      Pattern.compile("^\\s+(?:the |our |its )?(?:" + BAD_METRIC + "|" + GOOD_METRIC + ")\\b");

  /** "The increase in sales and marketing expenses": the metric is part of a longer subject. */
  private static final Pattern COMPOUND = Pattern.compile("^\\s*(?:and|&|or|,)\\s");

  private static final Pattern COMPARATIVE = Pattern.compile("^(?:higher|lower)$");
  private static final Pattern AUX_BEFORE =
      Pattern.compile("\\b(?:was|were|is|are|has been|have been|had been)\\s+$");

  /** A metric level stated against another period carries a direction the rules do not read. */
  private static final Pattern COMPARED =
      Pattern.compile(
          "\\b(?:compared|comparison|versus|vs|from|against|respectively|prior|previous|ago"
              + "|last year|year-over-year|year over year)\\b");

  private static final Pattern BAD = Pattern.compile("^" + BAD_METRIC + "$");
  private static final Pattern ANY_METRIC =
      Pattern.compile("\\b(?:" + BAD_METRIC + "|" + GOOD_METRIC + ")\\b");
  private static final Pattern UP_WORD = Pattern.compile("^" + UP + "$");
  private static final Pattern UP_NOUN =
      Pattern.compile("^(?:increases?|improvement|growth|rise)$");
  private static final Pattern POLAR_SUBJECT =
      Pattern.compile("\\b(?:lost|delayed|failed|weak|strong|record|new|lower|higher)\\b");
  private static final Pattern LEVEL_WORD = Pattern.compile("^" + LEVEL + "$");

  private static final Pattern UNSURE =
      Pattern.compile(
          "\\b(?:may(?! \\d)|might|could|would|should|can|if|unless|whether|expects?|expected|expecting"
              + "|anticipates?|anticipated|believes?|estimates?|projected|forecasts?|outlook"
              + "|guidance|will|intends?|plans?|target|not|no|neither|nor|without|never"
              + "|cannot|risks?|uncertain\\w*)\\b|n't");

  private static final Pattern CONTRAST =
      Pattern.compile("\\b(?:while|but|whereas|although|though|however|despite|yet)\\b");

  private static final Pattern DIRECTION_WORD =
      Pattern.compile("\\b(?:" + UP + "|" + DOWN + ")\\b");

  /** Any word of change, gain, loss, strength or weakness: none may occur in a plain neutral. */
  private static final Pattern POLAR =
      Pattern.compile(
          "\\b(?:increas\\w*|decreas\\w*|ris(?:e|es|ing|en)|rose|fell|fall\\w*|grow\\w*|grew"
              + "|higher|lower|up|down|gain\\w*|loss\\w*|los(?:e|ing)|strong\\w*|weak\\w*|record"
              + "|declin\\w*|improv\\w*|benefit\\w*|advers\\w*|favorabl\\w*|unfavorabl\\w*"
              + "|impair\\w*|restructur\\w*|litigation|penalt\\w*|fail\\w*|default\\w*"
              + "|negative\\w*|positive\\w*|challeng\\w*|pressure\\w*|headwind\\w*|exceed\\w*"
              + "|miss\\w*|beat|cut\\w*|reduc\\w*|drop\\w*|surg\\w*|jump\\w*|plung\\w*"
              + "|slump\\w*|soar\\w*|doubl\\w*|expan\\w*|contract(?:ed|ion)|shrink\\w*|worse\\w*"
              + "|deteriorat\\w*|volatil\\w*|layoff\\w*|lay-off\\w*|terminat\\w*|suspen\\w*"
              + "|bankrupt\\w*|downgrad\\w*|upgrad\\w*|award\\w*|win|wins|won|success\\w*"
              + "|excellent|pleased|proud|delighted|disappoint\\w*|concern\\w*|outperform\\w*"
              + "|underperform\\w*|strength\\w*|robust|solid|best|worst|growth|profitab\\w*"
              + "|deficit\\w*|shortfall\\w*|breach\\w*|violat\\w*|investigat\\w*|fraud\\w*"
              + "|recall\\w*|disrupt\\w*|delay\\w*|damag\\w*|harm\\w*|difficult\\w*|critical"
              + "|complaint\\w*|lawsuit\\w*|sue|sued|suing|fine|fined|fines|annul\\w*"
              + "|overturn\\w*|settle\\w*|dispute\\w*|allegation\\w*|alleg\\w*)\\b");

  /** A plain sentence: a capital first, a full stop last (not a heading or a page footer). */
  private static final Pattern PROSE = Pattern.compile("^[\"“(]?\\p{Lu}.*[.][\"”)]?$");

  private static final Pattern DIGIT = Pattern.compile("\\d|\\bdigits?\\b");

  private ResultSentenceRules() {}

  /**
   * The weak label of one sentence, or empty when the rules are unsure. Plain neutral sentences (no
   * metric, no word of change) are labelled {@code neutral} by {@link Rule#PLAIN}.
   */
  public static Optional<Verdict> label(String sentence) {
    String s = sentence.strip().toLowerCase(Locale.ROOT).replace('’', '\'');
    int words = s.split("\\s+").length;
    if (words < 6 || words > 50 || !DIGIT.matcher(s).find() || UNSURE.matcher(s).find()) {
      return Optional.empty();
    }
    Matcher m = NOUN_MOVE.matcher(s);
    boolean verb = !m.find();
    if (verb) {
      m = MOVE.matcher(s);
      if (!m.find()) {
        return POLAR.matcher(s).find()
                || ANY_METRIC.matcher(s).find()
                || !PROSE.matcher(sentence.strip()).matches()
            ? Optional.empty()
            : Optional.of(new Verdict("neutral", Rule.PLAIN));
      }
    }
    String metric = m.group("metric");
    String mid = m.group("mid");
    String dir = verb ? m.group("dir") : m.group("noun");
    String pre = m.group("pre");
    String clause = m.group("clause") == null ? "" : m.group("clause");
    boolean bad = BAD.matcher(metric).matches();
    if (SUBJECT_WORDS.matcher(pre).find()
        || DIRECTION_WORD.matcher(pre + " " + clause).find()
        || POLAR_SUBJECT.matcher(pre).find()) {
      return Optional.empty();
    }
    if (ANY_METRIC.matcher(mid).find() && mixedKinds(bad, mid)) {
      return Optional.empty();
    }
    if (DIRECTION_WORD.matcher(mid).find() || CONTRAST.matcher(s).find()) {
      return Optional.empty();
    }
    String tail = s.substring(m.end());
    if (OBJECT_METRIC.matcher(tail).find() || (!verb && COMPOUND.matcher(tail).find())) {
      return Optional.empty();
    }
    if (verb
        && COMPARATIVE.matcher(dir).matches()
        && !AUX_BEFORE.matcher(s.substring(0, m.start("dir"))).find()) {
      return Optional.empty(); // "higher" or "lower" not as the predicate: an adjective elsewhere
    }
    if (verb && LEVEL_WORD.matcher(dir).matches()) {
      return POLAR.matcher(s).find() || COMPARED.matcher(s).find()
          ? Optional.empty()
          : Optional.of(new Verdict("neutral", Rule.LEVEL));
    }
    boolean up = UP_WORD.matcher(dir).matches() || UP_NOUN.matcher(dir).matches();
    if ((dir.equals("widened") || dir.equals("narrowed")) && !bad) {
      return Optional.empty(); // a widening margin or a narrowing of sales is not a clear call
    }
    Rule rule =
        bad ? (up ? Rule.COST_UP : Rule.COST_DOWN) : (up ? Rule.RESULT_UP : Rule.RESULT_DOWN);
    return Optional.of(new Verdict(up != bad ? "positive" : "negative", rule));
  }

  /** True when {@code mid} names a metric of the other kind than the subject's. */
  private static boolean mixedKinds(boolean subjectBad, String mid) {
    Matcher other = ANY_METRIC.matcher(mid);
    while (other.find()) {
      if (BAD.matcher(other.group()).matches() != subjectBad) {
        return true;
      }
    }
    return false;
  }
}
