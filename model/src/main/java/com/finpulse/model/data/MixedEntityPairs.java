package com.finpulse.model.data;

import com.finpulse.model.task.Task;
import com.finpulse.model.text.BertTokenizer;
import com.finpulse.model.text.EntityInput;
import com.finpulse.model.text.EntityMarking;
import com.finpulse.model.text.TargetedText;
import com.finpulse.model.text.TextNormalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Contrastive training rows for the entity task, built from labelled (paragraph, company) rows: the
 * sentences that name company X (from one paragraph) joined with the sentences that name company Y
 * (from another paragraph) whose label differs, and the joined text labelled once toward X with X's
 * label and once toward Y with Y's. Both orders are emitted, so each pair gives four rows. A text
 * whose companies disagree is what the entity head has to read target by target; real such
 * paragraphs are rare, these teach it that the same text can go both ways.
 *
 * <p>A pair is skipped when either company is named in the other's sentences (its label there would
 * be unknown), when both are the same company, or when any of its four rows does not pass {@code
 * fits} (see {@link #untruncated}: the whole input within the encoder's max length, so neither
 * company's evidence is cut off). The same rows, count and seed give the same output.
 */
public final class MixedEntityPairs {

  /** The source name of the generated rows (per-source dev figures, logs). */
  public static final String SOURCE = "entity-mix";

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\"'(<A-Z0-9])");

  /** What one labelled row says about its company: the sentences naming it, and the label. */
  record Evidence(String text, String target, int label, String paragraph) {}

  private MixedEntityPairs() {}

  /**
   * @param rows labelled entity rows (training side only: the generated text mixes paragraphs)
   * @param pairs how many company pairs to draw; at most {@code 4 * pairs} rows come back
   */
  public static List<LabeledText> synthesize(
      List<LabeledText> rows, int pairs, long seed, Predicate<LabeledText> fits) {
    List<Evidence> evidence = new ArrayList<>();
    for (LabeledText x : rows) {
      if (x.task() != Task.ENTITY) {
        throw new IllegalArgumentException("not an entity row: task " + x.task().id());
      }
      String sentences = sentencesNaming(x.text(), x.target());
      if (!sentences.isEmpty()) {
        evidence.add(
            new Evidence(
                sentences, x.target(), x.label(), TextNormalizer.nearDuplicateKey(x.text())));
      }
    }
    List<LabeledText> out = new ArrayList<>();
    if (pairs <= 0 || evidence.size() < 2) {
      return out;
    }
    Random rnd = new Random(seed * 31 + 7);
    Set<Long> used = new HashSet<>();
    int n = evidence.size();
    int made = 0;
    for (long attempt = 0; made < pairs && attempt < 50L * pairs; attempt++) {
      int i = rnd.nextInt(n);
      int j = rnd.nextInt(n);
      Evidence a = evidence.get(i);
      Evidence b = evidence.get(j);
      long key = (long) Math.min(i, j) * n + Math.max(i, j);
      if (a.label() == b.label()
          || a.paragraph().equals(b.paragraph())
          || a.target().equalsIgnoreCase(b.target())
          || names(a.text(), b.target())
          || names(b.text(), a.target())
          || used.contains(key)) {
        continue;
      }
      List<LabeledText> four = new ArrayList<>(4);
      for (String text : List.of(a.text() + " " + b.text(), b.text() + " " + a.text())) {
        four.add(new LabeledText(text, Task.ENTITY, a.label(), a.target(), SOURCE));
        four.add(new LabeledText(text, Task.ENTITY, b.label(), b.target(), SOURCE));
      }
      if (four.stream().allMatch(fits)) {
        used.add(key);
        out.addAll(four);
        made++;
      }
    }
    return out;
  }

  /**
   * Keeps rows whose whole input (text with marked mentions, and the target) fits in {@code tok}'s
   * max length untruncated.
   */
  public static Predicate<LabeledText> untruncated(BertTokenizer tok, EntityInput input) {
    return x ->
        tok.tokenizePairs(List.of(new TargetedText(x.text(), List.of(x.target()))), input)
                .get(0)
                .length()
            < tok.maxLength();
  }

  /** The sentences of {@code text} that name {@code target}, in order; empty if none does. */
  static String sentencesNaming(String text, String target) {
    List<String> kept = new ArrayList<>();
    for (String s : SENTENCE_END.split(TextNormalizer.normalize(text))) {
      if (names(s, target)) {
        kept.add(s.strip());
      }
    }
    return String.join(" ", kept);
  }

  private static boolean names(String text, String target) {
    return !EntityMarking.mentions(text, List.of(target)).isEmpty();
  }

  /**
   * Paragraphs (by near-duplicate key) whose labelled companies do not all share one label: the
   * genuinely mixed rows.
   */
  public static Set<String> mixedParagraphs(List<LabeledText> rows) {
    Map<String, Set<Integer>> labels = new LinkedHashMap<>();
    for (LabeledText x : rows) {
      labels
          .computeIfAbsent(TextNormalizer.nearDuplicateKey(x.text()), k -> new HashSet<>())
          .add(x.label());
    }
    Set<String> mixed = new HashSet<>();
    labels.forEach(
        (k, v) -> {
          if (v.size() > 1) {
            mixed.add(k);
          }
        });
    return mixed;
  }

  /** Whether {@code x}'s paragraph is one of {@code mixed} (see {@link #mixedParagraphs}). */
  public static boolean inMixed(LabeledText x, Set<String> mixed) {
    return mixed.contains(TextNormalizer.nearDuplicateKey(x.text()));
  }
}
