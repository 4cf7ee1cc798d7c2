package com.finpulse.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntityMarkingTest {

  private static EntityMarking.Marked mark(String text, String... names) {
    return EntityMarking.mark(new TargetedText(text, List.of(names)), 512, true);
  }

  @Test
  void everyMentionOfAnyNameIsMarkedOnWordBoundariesCaseBlind() {
    EntityMarking.Marked m =
        mark(
            "Apple rallies; APPLE's suppliers and $AAPL gain, Applebee's does not",
            "Apple",
            "AAPL");
    assertThat(m.text())
        .isEqualTo("«Apple» rallies; «APPLE»'s suppliers and $«AAPL» gain, Applebee's does not");
    assertThat(m.mentions()).isEqualTo(3);
    assertThat(m.target()).isEqualTo("Apple");
  }

  @Test
  void anAbsentTargetLeavesTheTextUnmarkedButNamedInTheSecondSegment() {
    EntityMarking.Marked m = mark("Siemens rallies while Huhtamaki slumps", "Nokia");
    assertThat(m.text()).isEqualTo("Siemens rallies while Huhtamaki slumps");
    assertThat(m.mentions()).isZero();
    assertThat(m.target()).isEqualTo("Nokia");
  }

  @Test
  void overlappingNamesMarkTheLongestOnce() {
    EntityMarking.Marked m =
        mark("Bank of America and America Movil", "Bank of America", "America");
    assertThat(m.text()).isEqualTo("«Bank of America» and «America» Movil");
  }

  @Test
  void markersInTheTextItselfBecomeQuotesAndNonAsciiNamesWork() {
    EntityMarking.Marked m = mark("«Nestlé» and Société Générale fall", "Société Générale");
    assertThat(m.text()).isEqualTo("\"Nestlé\" and «Société Générale» fall");
  }

  @Test
  void aMentionPastTheWindowIsKeptByCuttingTheTextBeforeIt() {
    String filler = "word ".repeat(400);
    EntityMarking.Marked m = mark(filler + "Nokia slumps", "Nokia");
    assertThat(m.text()).endsWith("«Nokia» slumps").hasSizeLessThan(filler.length());
    assertThat(m.text()).doesNotStartWith("ord"); // not cut inside a word
  }

  @Test
  void emptyAndNullInputsGiveAnEmptyPair() {
    assertThat(EntityMarking.mark(new TargetedText(null, null), 512, true))
        .isEqualTo(new EntityMarking.Marked("", "", 0));
    assertThat(mark("", "")).isEqualTo(new EntityMarking.Marked("", "", 0));
  }

  @Test
  void pairInputLeavesMentionsUnmarked() {
    EntityMarking.Marked m =
        EntityMarking.mark(TargetedText.of("Nokia slumps", "Nokia"), 512, false);
    assertThat(m.text()).isEqualTo("Nokia slumps");
    assertThat(m.mentions()).isEqualTo(1);
  }
}
