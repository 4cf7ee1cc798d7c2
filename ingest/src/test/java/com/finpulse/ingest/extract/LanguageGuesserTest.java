package com.finpulse.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageGuesserTest {

  @Test
  void guessesFromFunctionWords() {
    assertThat(
            LanguageGuesser.guess(
                "The company said that it would cut jobs and that the plan was on track for the year."))
        .isEqualTo("en");
    assertThat(
            LanguageGuesser.guess(
                "Die Bank hat die Zinsen nicht erhöht, und der Markt ist mit der Entscheidung zufrieden."))
        .isEqualTo("de");
    assertThat(
            LanguageGuesser.guess(
                "La banque a maintenu ses taux et les marchés sont restés calmes pour la journée."))
        .isEqualTo("fr");
    assertThat(
            LanguageGuesser.guess(
                "El banco mantuvo los tipos y los mercados se mostraron tranquilos por la decisión."))
        .isEqualTo("es");
  }

  @Test
  void guessesFromScript() {
    assertThat(LanguageGuesser.guess("日本銀行は水曜日、政策金利を据え置くと発表した。")).isEqualTo("ja");
    assertThat(LanguageGuesser.guess("谷歌在2014年收购的人工智能公司开发出一款计算机。")).isEqualTo("zh");
    assertThat(LanguageGuesser.guess("한국은행은 기준금리를 동결했다.")).isEqualTo("ko");
    assertThat(LanguageGuesser.guess("Η Τράπεζα της Ελλάδος διατήρησε τα επιτόκια."))
        .isEqualTo("el");
  }

  @Test
  void staysSilentWithoutEvidence() {
    assertThat(LanguageGuesser.guess("")).isNull();
    assertThat(LanguageGuesser.guess("AAPL MSFT 42")).isNull();
  }

  @Test
  void overrulingNeedsALongTextAndAClearWinner() {
    String english =
        "The company said that it would cut about 5% of its workforce, and that the plan was on"
            + " track. Analysts said the move was expected, but they warned that demand in Europe"
            + " had been weaker than the company had forecast for the year and that it would take"
            + " time for the savings to show in the results.";
    assertThat(LanguageGuesser.overrulingGuess(english)).isEqualTo("en");
    assertThat(LanguageGuesser.overrulingGuess("The company said that it would cut jobs."))
        .as("too short")
        .isNull();
    assertThat(LanguageGuesser.overrulingGuess("日本銀行は水曜日、政策金利を据え置くと発表した。")).isEqualTo("ja");
  }
}
