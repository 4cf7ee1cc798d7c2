package com.finpulse.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.model.task.Task;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RegisterSentencesTest {

  private static final Pattern MOVE =
      Pattern.compile(
          "(rose|increased|grew|climbed|improved|went up|jumped|was up|fell|decreased|declined"
              + "|dropped|was down|went down|slipped|contracted|shrank) to [A-Z]{3} ([0-9.]+) \\S+"
              + " from [A-Z]{3} ([0-9.]+)");

  @Test
  void sameSeedSameSentencesAndEveryLabelDrawn() {
    RegisterSentences r = RegisterSentences.standard();
    List<LabeledText> a = r.generate(600, 7);
    assertThat(a).hasSize(600).isEqualTo(r.generate(600, 7));
    assertThat(a).isNotEqualTo(r.generate(600, 8));
    Map<Integer, Long> byLabel =
        a.stream().collect(Collectors.groupingBy(LabeledText::label, Collectors.counting()));
    assertThat(byLabel).containsOnlyKeys(0, 1, 2);
    assertThat(byLabel.get(1)).isBetween(180L, 300L);
    assertThat(a).allSatisfy(x -> assertThat(x.task()).isEqualTo(Task.SENTIMENT));
    assertThat(a).extracting(LabeledText::text).doesNotHaveDuplicates();
  }

  @Test
  void everySlotIsFilledAndMovesAgreeWithTheirLabel() {
    List<LabeledText> rows = RegisterSentences.standard().generate(3000, 11);
    int checked = 0;
    for (LabeledText x : rows) {
      assertThat(x.text()).doesNotContain("{", "}", "[", "]", "|");
      Matcher m = MOVE.matcher(x.text());
      if (m.find()) {
        double to = Double.parseDouble(m.group(2));
        double from = Double.parseDouble(m.group(3));
        boolean upWord =
            !m.group(1)
                .matches(
                    "fell|decreased|declined|dropped|was down|went down"
                        + "|slipped|contracted|shrank");
        boolean loss = x.text().toLowerCase().contains("loss");
        if (!loss) {
          assertThat(to > from).as(x.text()).isEqualTo(upWord);
          assertThat(x.label()).as(x.text()).isEqualTo(upWord ? 2 : 0);
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  @Test
  void aTemplateWithAnUnknownSlotOrLabelIsRefusedWithItsLine() {
    String ok = "slot company = A | B\n";
    assertThatThrownBy(() -> new RegisterSentences(ok + "positive\t{nope} rose\n", "t.txt"))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("t.txt:2")
        .hasMessageContaining("{nope}");
    assertThatThrownBy(() -> new RegisterSentences(ok + "upbeat\t{company} rose\n", "t.txt"))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("t.txt:2");
  }
}
