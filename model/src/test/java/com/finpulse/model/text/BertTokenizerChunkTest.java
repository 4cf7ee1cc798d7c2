package com.finpulse.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.model.testing.TinyModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A call larger than one chunk is encoded on the pool and comes back whole, in input order. */
class BertTokenizerChunkTest {

  @Test
  void chunkedCallEqualsOneTextAtATime() {
    int n = BertTokenizer.CHUNK * 3 + 17;
    List<String> texts = new ArrayList<>();
    List<TargetedText> targeted = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String t = "Headline " + i + " " + "up ".repeat(i % 11) + (i % 7 == 0 ? "" : "Acme");
      texts.add(t);
      targeted.add(new TargetedText(t, List.of("Acme")));
    }
    try (BertTokenizer tok = new BertTokenizer(TinyModels.tokenizerJson(), 32)) {
      List<TokenizedText> all = tok.tokenize(texts);
      List<TokenizedText> pairs = tok.tokenizePairs(targeted, EntityInput.MARKED_PAIR);
      assertThat(all).hasSize(n);
      assertThat(pairs).hasSize(n);
      for (int i = 0; i < n; i += 97) {
        TokenizedText one = tok.tokenize(List.of(texts.get(i))).get(0);
        assertThat(all.get(i).ids()).containsExactly(one.ids());
        TokenizedText pair =
            tok.tokenizePairs(List.of(targeted.get(i)), EntityInput.MARKED_PAIR).get(0);
        assertThat(pairs.get(i).ids()).containsExactly(pair.ids());
        assertThat(pairs.get(i).typeIds()).containsExactly(pair.typeIds());
      }
    }
  }
}
