package com.finpulse.model.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.model.task.Task;
import com.finpulse.model.testing.TinyModels;
import com.finpulse.model.text.BertTokenizer;
import com.finpulse.model.text.EntityInput;
import com.finpulse.model.text.TargetedText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MixedEntityPairsTest {

  private static final int NEG = 0;
  private static final int NEU = 1;
  private static final int POS = 2;
  private static final Predicate<LabeledText> ANY = x -> true;

  private static LabeledText row(String text, String target, int label) {
    return new LabeledText(text, Task.ENTITY, label, target, null);
  }

  /** Twelve invented companies, one paragraph each, labels cycling. */
  private static List<LabeledText> rows() {
    String[] names = {
      "Acme", "Bolt", "Corex", "Delta", "Emberly", "Fjord", "Gantry", "Halcyon", "Ivra", "Jolt",
      "Kestrel", "Lumo"
    };
    String[] says = {
      "shares slumped 7% after a profit warning.",
      "said it would hold its annual meeting on May 4.",
      "jumped 5% after quarterly sales beat forecasts."
    };
    List<LabeledText> out = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      int label = i % 3;
      out.add(
          row(
              "Markets were mixed on Tuesday. "
                  + names[i]
                  + " "
                  + says[label]
                  + " Bond yields edged higher.",
              names[i],
              label));
    }
    return out;
  }

  @Test
  void everyRowCarriesItsOwnCompanysLabelInBothOrders() {
    List<LabeledText> src = rows();
    Map<String, Integer> labelOf = new HashMap<>();
    src.forEach(x -> labelOf.put(x.target(), x.label()));
    List<LabeledText> out = MixedEntityPairs.synthesize(src, 20, 5, ANY);

    assertThat(out).hasSize(80);
    assertThat(out)
        .allSatisfy(
            x -> {
              assertThat(x.label()).isEqualTo(labelOf.get(x.target()));
              assertThat(x.task()).isEqualTo(Task.ENTITY);
              assertThat(x.source()).isEqualTo(MixedEntityPairs.SOURCE);
              // only the sentence naming each company is kept, not the paragraph around it
              assertThat(x.text()).doesNotContain("Bond yields").doesNotContain("Markets were");
            });
    Map<String, List<LabeledText>> byText =
        out.stream().collect(Collectors.groupingBy(LabeledText::text));
    for (List<LabeledText> sameText : byText.values()) {
      assertThat(sameText).hasSize(2);
      assertThat(sameText.get(0).label()).isNotEqualTo(sameText.get(1).label());
      assertThat(sameText.get(0).target()).isNotEqualTo(sameText.get(1).target());
    }
    // both orders of each pair: the text of one is the other's halves swapped
    for (int i = 0; i < out.size(); i += 4) {
      String ab = out.get(i).text();
      String ba = out.get(i + 2).text();
      assertThat(ba).isNotEqualTo(ab).hasSameSizeAs(ab);
      assertThat(Set.of(out.get(i + 2).target(), out.get(i + 3).target()))
          .isEqualTo(Set.of(out.get(i).target(), out.get(i + 1).target()));
    }
  }

  @Test
  void sameSeedSamePairsOtherSeedOthers() {
    List<LabeledText> src = rows();
    List<LabeledText> a = MixedEntityPairs.synthesize(src, 10, 3, ANY);
    assertThat(a).isEqualTo(MixedEntityPairs.synthesize(src, 10, 3, ANY));
    assertThat(a).isNotEqualTo(MixedEntityPairs.synthesize(src, 10, 4, ANY));
    assertThat(a.stream().map(LabeledText::text).distinct().count()).isEqualTo(20);
  }

  @Test
  void companyNamedInTheOtherHalfOrSameLabelIsNeverPaired() {
    List<LabeledText> src =
        List.of(
            row("Acme jumped 5% after sales beat forecasts, leaving Bolt behind.", "Acme", POS),
            row("Bolt slumped after a profit warning.", "Bolt", NEG),
            row("Corex slumped after it lost a contract.", "Corex", NEG),
            row("Delta fell after a downgrade.", "Delta", NEG));
    List<LabeledText> out = MixedEntityPairs.synthesize(src, 10, 1, ANY);
    // Acme's sentence names Bolt: only Acme-Corex and Acme-Delta remain (all others agree)
    assertThat(out).hasSize(8);
    assertThat(out).extracting(LabeledText::target).doesNotContain("Bolt");
  }

  @Test
  void pairsThatWouldBeTruncatedAreSkippedAndTheRestFitUntruncated() {
    int maxLength = 48;
    List<LabeledText> src = new ArrayList<>(rows());
    String longTail = " and ".repeat(40);
    src.add(row("Zenith shares plunged" + longTail + "then more.", "Zenith", NEG));
    try (BertTokenizer tok = new BertTokenizer(TinyModels.tokenizerJson(), maxLength)) {
      Predicate<LabeledText> fits = MixedEntityPairs.untruncated(tok, EntityInput.MARKED_PAIR);
      assertThat(MixedEntityPairs.synthesize(src, 60, 2, ANY))
          .extracting(LabeledText::target)
          .contains("Zenith");
      List<LabeledText> out = MixedEntityPairs.synthesize(src, 60, 2, fits);
      assertThat(out).isNotEmpty().extracting(LabeledText::target).doesNotContain("Zenith");
      for (LabeledText x : out) {
        int length =
            tok.tokenizePairs(
                    List.of(new TargetedText(x.text(), List.of(x.target()))),
                    EntityInput.MARKED_PAIR)
                .get(0)
                .length();
        assertThat(length).isLessThan(maxLength);
      }
    }
  }

  @Test
  void mixedParagraphsAreThoseWhoseCompaniesDisagree() {
    String mixed = "Acme rose while Bolt fell.";
    String agree = "Corex and Delta both rose.";
    List<LabeledText> src =
        List.of(
            row(mixed, "Acme", POS),
            row(mixed, "Bolt", NEG),
            row(agree, "Corex", POS),
            row(agree, "Delta", POS),
            row("Emberly held its meeting.", "Emberly", NEU));
    Set<String> keys = MixedEntityPairs.mixedParagraphs(src);
    assertThat(src.stream().filter(x -> MixedEntityPairs.inMixed(x, keys)))
        .extracting(LabeledText::target)
        .containsExactly("Acme", "Bolt");
  }

  @Test
  void sentencesNamingKeepsOnlyTheTargetsSentences() {
    assertThat(
            MixedEntityPairs.sentencesNaming(
                "Oil rose. Acme fell 3% on Monday. Gold was flat. Acme later recovered.", "acme"))
        .isEqualTo("Acme fell 3% on Monday. Acme later recovered.");
    assertThat(MixedEntityPairs.sentencesNaming("Nothing here.", "Acme")).isEmpty();
  }
}
